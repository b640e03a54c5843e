import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { defaultMediaDir } from '../../../src/files/loadMediaLibrary.js';

/**
 * The files in fixtures/media, checked by what a player sees: ffprobe and ffmpeg decode them
 * (when they are installed; CI installs Debian's ffmpeg) and the names tell the truth. The
 * header probe reads them too (probeMedia.test.ts).
 */
const names = readdirSync(defaultMediaDir).sort();
const videos = names.filter((name) => name.endsWith('.mp4'));
const thumbnails = names.filter((name) => name.endsWith('.webp'));
const spritesheets = names.filter((name) => name.endsWith('.jpg'));
const bytesOf = (name: string): Buffer => readFileSync(join(defaultMediaDir, name));

const haveFfprobe = spawnSync('ffprobe', ['-version']).status === 0 && spawnSync('ffmpeg', ['-version']).status === 0;
if (!haveFfprobe) console.warn('ffprobe not found: skipping the media decoding checks (apt-get install ffmpeg)');
const probeTest = haveFfprobe ? test.each : test.skip.each;
const probeOnce = haveFfprobe ? test : test.skip;
const skipped = haveFfprobe ? '' : ' (skipped: ffmpeg not installed)';

interface Probe {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; duration?: string; channels?: number }[];
  format: { duration?: string };
}
async function probe(name: string): Promise<Probe> {
  const args = ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height,duration,channels:format=duration', '-of', 'json'];
  const { stdout } = await promisify(execFile)('ffprobe', [...args, join(defaultMediaDir, name)]);
  return JSON.parse(stdout) as Probe;
}

/** The average colour of an image or of a video's first frame, as ffmpeg decodes it: [r, g, b]. */
async function averageColour(name: string): Promise<number[]> {
  const args = ['-v', 'error', '-i', join(defaultMediaDir, name), '-frames:v', '1', '-vf', 'scale=1:1:flags=area', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  const { stdout } = await promisify(execFile)('ffmpeg', args, { encoding: 'buffer' });
  return [...stdout];
}

/** `video-1280x720-8s-ocean.mp4` → its parts. */
function parts(name: string): { size: string; width: number; height: number; seconds: number; look: string } {
  const [, width = '', height = '', seconds, look = ''] = /-(\d+)x(\d+)(?:-(\d+)s)?(?:-([a-z]+))?\./.exec(name) ?? [];
  return { size: `${width}x${height}`, width: Number(width), height: Number(height), seconds: Number(seconds ?? 0), look };
}
const looks = [...new Set(videos.map((name) => parts(name).look))].sort();

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

test('the folder holds, per catalog size, a video per duration and look, a thumbnail per look, and a spritesheet per duration', async () => {
  const models = (await loadProviderCatalog()).providers.flatMap((p) => p.models);
  const sizes = [...new Set(models.flatMap((m) => m.sizes))];
  const seconds = [...new Set(models.flatMap((m) => m.seconds))];
  expect(looks.length).toBeGreaterThanOrEqual(3);
  const expected = sizes.flatMap((size) => [
    ...seconds.flatMap((s) => looks.map((look) => `video-${size}-${s}s-${look}.mp4`)),
    ...looks.map((look) => `thumbnail-${size}-${look}.webp`),
    ...seconds.map((s) => `spritesheet-${size}-${s}s.jpg`),
  ]);
  expect(names).toEqual(expected.sort());
});

// Raised from 2 MB when the looks and the audio came (issue 20); the README states the size.
test('the whole folder stays under 2.5 MB', () => {
  const total = names.reduce((sum, name) => sum + statSync(join(defaultMediaDir, name)).size, 0);
  expect(total).toBeLessThan(2.5 * 1024 * 1024);
});

test('no two files are the same bytes: every look, duration and size is its own', () => {
  const distinct = new Set(names.map((name) => bytesOf(name).toString('base64')));
  expect(distinct.size).toBe(names.length);
});

test.each(videos)('%s starts playing before it is fully downloaded (moov before mdat)', (name) => {
  const order = boxes(bytesOf(name));
  expect(order[0]).toBe('ftyp');
  expect(order.indexOf('moov')).toBeGreaterThan(0);
  expect(order.indexOf('moov')).toBeLessThan(order.indexOf('mdat'));
});

probeTest(videos)(`%s decodes as H.264 of the named size and duration with an AAC track as long${skipped}`, async (name) => {
  const { streams, format } = await probe(name);
  const { width, height, seconds } = parts(name);
  expect(streams).toHaveLength(2);
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  expect(video).toMatchObject({ codec_name: 'h264', width, height });
  expect(audio).toMatchObject({ codec_name: 'aac', channels: 1 });
  for (const duration of [format.duration, video!.duration, audio!.duration]) {
    expect(Math.abs(Number(duration) - seconds)).toBeLessThanOrEqual(0.1);
  }
});

probeTest([...thumbnails, ...spritesheets])(`%s decodes as an image of the expected size${skipped}`, async (name) => {
  const { streams } = await probe(name);
  const { width, height } = parts(name);
  const thumbnail = name.endsWith('.webp');
  expect(streams).toHaveLength(1);
  expect(streams[0]).toMatchObject(
    thumbnail ? { codec_name: 'webp', width, height } : { codec_name: 'mjpeg', width: width / 2, height: height / 2 },
  );
});

// One video per look: the tone is made the same way for every size and duration.
probeTest(looks.map((look) => `video-720x1280-4s-${look}.mp4`))(`%s has a tone you can hear, not silence${skipped}`, async (name) => {
  const args = ['-v', 'info', '-nostats', '-i', join(defaultMediaDir, name), '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'];
  const { stderr } = await promisify(execFile)('ffmpeg', args);
  const max = Number(/max_volume: (-?[\d.]+) dB/.exec(stderr)?.[1]);
  expect(max).toBeGreaterThan(-20);
});

/** Colours at least this far apart (in 0..255 RGB) tell looks apart at a glance. */
const APART = 60;
function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((value, i) => value - b[i]!));
}

probeOnce(`the looks are visibly different: each pair of thumbnails of a size, and of first frames of a video, differ in colour${skipped}`, async () => {
  const groups = [
    ...['720x1280', '1280x720', '1024x1792', '1792x1024'].map((size) => looks.map((look) => `thumbnail-${size}-${look}.webp`)),
    looks.map((look) => `video-1280x720-8s-${look}.mp4`),
    looks.map((look) => `video-1024x1792-12s-${look}.mp4`),
  ];
  const tooClose: string[] = [];
  for (const group of groups) {
    const colours = await Promise.all(group.map(averageColour));
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const apart = distance(colours[i]!, colours[j]!);
        if (!(apart > APART)) tooClose.push(`${group[i]} and ${group[j]}: ${apart.toFixed(0)}`);
      }
    }
  }
  expect(tooClose).toEqual([]);
});
