import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { defaultMediaDir } from '../../../src/core/media/mediaLibrary.js';

/**
 * The files in fixtures/media, checked by what a player sees: ffprobe decodes them (when it is
 * installed; CI installs Debian's ffmpeg) and the names tell the truth.
 */
const names = readdirSync(defaultMediaDir).sort();
const videos = names.filter((name) => name.endsWith('.mp4'));
const images = names.filter((name) => /\.(webp|jpg)$/.test(name));

const haveFfprobe = spawnSync('ffprobe', ['-version']).status === 0;
if (!haveFfprobe) console.warn('ffprobe not found: skipping the media decoding checks (apt-get install ffmpeg)');
const probeTest = haveFfprobe ? test.each : test.skip.each;
const skipped = haveFfprobe ? '' : ' (skipped: ffprobe not installed)';

interface Probe {
  streams: { codec_name: string; width: number; height: number }[];
  format: { duration?: string };
}
async function probe(name: string): Promise<Probe> {
  const args = ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json'];
  const { stdout } = await promisify(execFile)('ffprobe', [...args, join(defaultMediaDir, name)]);
  return JSON.parse(stdout) as Probe;
}

/** `1280x720` → [1280, 720], read from a file name. */
function sizeIn(name: string): [number, number] {
  const [, width, height] = /-(\d+)x(\d+)/.exec(name) ?? [];
  return [Number(width), Number(height)];
}

/** Top-level MP4 box types in order (`ftyp`, `moov`, `mdat`, …). */
function boxes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32BE(at);
    types.push(bytes.subarray(at + 4, at + 8).toString('latin1'));
    if (size < 8) break;
    at += size;
  }
  return types;
}

test('the folder holds a video for every catalog size and duration, and two images per size', async () => {
  const models = (await loadProviderCatalog()).providers.flatMap((p) => p.models);
  const sizes = [...new Set(models.flatMap((m) => m.sizes))];
  const seconds = [...new Set(models.flatMap((m) => m.seconds))];
  const expected = sizes.flatMap((size) => [
    ...seconds.map((s) => `video-${size}-${s}s.mp4`),
    `thumbnail-${size}.webp`,
    `spritesheet-${size}.jpg`,
  ]);
  expect(names).toEqual(expected.sort());
});

test('the whole folder stays well under 2 MB', () => {
  const total = names.reduce((sum, name) => sum + statSync(join(defaultMediaDir, name)).size, 0);
  expect(total).toBeLessThan(2 * 1024 * 1024);
});

test.each(videos)('%s starts playing before it is fully downloaded (moov before mdat)', (name) => {
  const order = boxes(readFileSync(join(defaultMediaDir, name)));
  expect(order[0]).toBe('ftyp');
  expect(order.indexOf('moov')).toBeGreaterThan(0);
  expect(order.indexOf('moov')).toBeLessThan(order.indexOf('mdat'));
});

probeTest(videos)(`%s decodes as H.264 of the named size and duration${skipped}`, async (name) => {
  const { streams, format } = await probe(name);
  const [width, height] = sizeIn(name);
  const seconds = Number(/-(\d+)s\.mp4$/.exec(name)?.[1]);
  expect(streams).toHaveLength(1);
  expect(streams[0]).toMatchObject({ codec_name: 'h264', width, height });
  expect(Math.abs(Number(format.duration) - seconds)).toBeLessThanOrEqual(0.1);
});

probeTest(images)(`%s decodes as an image of the named aspect${skipped}`, async (name) => {
  const { streams } = await probe(name);
  const [width, height] = sizeIn(name);
  expect(streams).toHaveLength(1);
  expect(streams[0]!.codec_name).toBe(name.endsWith('.webp') ? 'webp' : 'mjpeg');
  expect(Math.abs(streams[0]!.width / streams[0]!.height - width / height)).toBeLessThan(0.01);
});
