import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMediaDir } from '../../../src/core/media/mediaLibrary.js';
import { imageInfo, mp4Info } from '../../../src/core/media/probeMedia.js';

/** A shipped file as a plain Uint8Array, the only type the probe takes. */
const shipped = (name: string): Uint8Array => new Uint8Array(readFileSync(join(defaultMediaDir, name)));
const names = readdirSync(defaultMediaDir).sort();
/** `video-1280x720-8s.mp4` → width, height and seconds from the name. */
function named(name: string): { width: number; height: number; seconds: number } {
  const [, width, height, seconds] = /-(\d+)x(\d+)(?:-(\d+)s)?/.exec(name) ?? [];
  return { width: Number(width), height: Number(height), seconds: Number(seconds ?? 0) };
}

type Part = number[] | string | Uint8Array;
/** Bytes from parts: numbers as bytes, strings as latin1. */
function bytes(...parts: Part[]): Uint8Array {
  const flat = parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : [...part]));
  return Uint8Array.from(flat);
}
const be16 = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
const le24 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number): number[] => [...le24(n), (n >>> 24) & 0xff];
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

describe('imageInfo reads the shipped images', () => {
  test.each(names.filter((name) => /\.(webp|jpg)$/.test(name)))('%s is the format and size its name says', (name) => {
    const { width, height } = named(name);
    expect(imageInfo(shipped(name))).toEqual({ format: name.endsWith('.webp') ? 'webp' : 'jpeg', width, height });
  });
});

describe('imageInfo reads hand-made headers', () => {
  const png = (width: number, height: number, chunk = 'IHDR'): Uint8Array =>
    bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), chunk, be32(width), be32(height), [8, 6, 0, 0, 0], zeros(4));
  const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ...be16(payload.length + 2), ...payload];
  const sof = (marker: number, width: number, height: number): number[] => segment(marker, [8, ...be16(height), ...be16(width), 3, ...zeros(9)]);
  const exif = segment(0xe1, [...bytes('Exif', [0, 0]), 0xff, 0xc0, 0, 17, 8, 0, 9, 0, 9]); // a fake SOF inside EXIF data
  const jpeg = (...segments: number[][]): Uint8Array => bytes([0xff, 0xd8], ...segments, [0xff, 0xd9]);
  const riff = (chunk: string, data: number[]): Uint8Array => bytes('RIFF', le32(12 + data.length), 'WEBP', chunk, le32(data.length), data);

  test.each<[string, Uint8Array, ReturnType<typeof imageInfo>]>([
    ['a PNG gives the size in its IHDR', png(640, 360), { format: 'png', width: 640, height: 360 }],
    ['a PNG wider than 65535 pixels', png(70_000, 2), { format: 'png', width: 70_000, height: 2 }],
    ['a PNG whose size has the top bit set is not read as negative', png(0x80000000, 1), { format: 'png', width: 0x80000000, height: 1 }],
    ['a baseline JPEG gives the size in its SOF0', jpeg(segment(0xe0, [...bytes('JFIF'), 0]), sof(0xc0, 720, 1280)), { format: 'jpeg', width: 720, height: 1280 }],
    ['a JPEG with EXIF before the frame skips the EXIF segment, even with marker bytes inside it', jpeg(exif, sof(0xc0, 1280, 720)), { format: 'jpeg', width: 1280, height: 720 }],
    ['a progressive JPEG (SOF2) after tables (DQT, DHT) and fill bytes', jpeg(segment(0xdb, zeros(65)), segment(0xc4, zeros(20)), [0xff, 0xff], sof(0xc2, 333, 177)), { format: 'jpeg', width: 333, height: 177 }],
    ['a WebP lossy (VP8) key frame gives its 14-bit sizes', riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(1792), ...le16(1024 | 0x4000)]), { format: 'webp', width: 1792, height: 1024 }],
    ['a WebP lossless (VP8L) gives its sizes minus one', riff('VP8L', [0x2f, ...le32((719 | (1279 << 14)) >>> 0)]), { format: 'webp', width: 720, height: 1280 }],
    ['a WebP lossless of the largest size (16384 both ways)', riff('VP8L', [0x2f, ...le32((16383 | (16383 << 14)) >>> 0)]), { format: 'webp', width: 16384, height: 16384 }],
    ['an extended WebP (VP8X) gives its 24-bit canvas sizes minus one', riff('VP8X', [0x10, 0, 0, 0, ...le24(99_999), ...le24(0)]), { format: 'webp', width: 100_000, height: 1 }],
  ])('%s', (_name, input, expected) => {
    expect(imageInfo(input)).toEqual(expected);
  });

  test.each<[string, Uint8Array]>([
    ['no bytes at all', new Uint8Array(0)],
    ['text', bytes('not an image')],
    ['a GIF', bytes('GIF89a', le16(10), le16(10))],
    ['a PNG cut inside its IHDR', png(640, 360).subarray(0, 20)],
    ['a PNG whose first chunk is not IHDR', png(640, 360, 'tEXt')],
    ['a PNG of zero width', png(0, 360)],
    ['a JPEG with no frame header before its scan (SOS)', jpeg(segment(0xdb, zeros(65)), segment(0xda, zeros(10)), sof(0xc0, 10, 10))],
    ['a JPEG that ends (EOI) before any frame', jpeg()],
    ['a JPEG cut inside its frame header', jpeg(sof(0xc0, 640, 360)).subarray(0, 9)],
    ['a JPEG cut inside a segment before the frame', jpeg(exif, sof(0xc0, 640, 360)).subarray(0, 10)],
    ['a JPEG whose segment claims more bytes than there are', bytes([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xf0, 0, 0])],
    ['a JPEG with garbage where a marker should be', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34])],
    ['a JPEG with a segment length under 2', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0])],
    ['a JPEG of height 0 (defined later by DNL)', jpeg(sof(0xc0, 640, 0))],
    ['a WebP lossy frame without the key frame start code', riff('VP8 ', [0, 0, 0, 0x12, 0x34, 0x56, ...le16(10), ...le16(10)])],
    ['a WebP lossless without its signature byte', riff('VP8L', [0x00, 0, 0, 0, 0])],
    ['a WebP cut inside its VP8X chunk', riff('VP8X', [0x10, 0, 0, 0, ...le24(99), ...le24(99)]).subarray(0, 28)],
    ['a WebP whose first chunk is unknown', riff('ALPH', zeros(10))],
    ['a RIFF that is not WebP', bytes('RIFF', le32(4), 'WAVE')],
  ])('%s is not an image it can size', (_name, input) => {
    expect(imageInfo(input)).toBeUndefined();
  });

  test('reads a view into a larger buffer from the view, not from the buffer start', () => {
    const outer = bytes('padding', png(64, 48), 'more');
    expect(imageInfo(outer.subarray(7, 7 + 33))).toEqual({ format: 'png', width: 64, height: 48 });
  });
});

const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!haveFfmpeg) console.warn('ffmpeg not found: skipping the checks against encoder output (apt-get install ffmpeg)');
(haveFfmpeg ? describe : describe.skip)('imageInfo agrees with what ffmpeg writes, at a size that is no multiple of 16', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vjm-probe-'));
  /** One 334x178 frame (even: 4:2:0 formats round odd sizes down) encoded by ffmpeg with these output options. */
  function encode(file: string, filter: string, ...options: string[]): Uint8Array {
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=red:size=334x178,${filter}`, '-frames:v', '1', ...options, join(dir, file)];
    expect(spawnSync('ffmpeg', args).status).toBe(0);
    return new Uint8Array(readFileSync(join(dir, file)));
  }
  test.each<[string, string, string[], 'png' | 'jpeg' | 'webp']>([
    ['png', 'format=rgb24', [], 'png'],
    ['jpg', 'format=yuvj420p', ['-c:v', 'mjpeg'], 'jpeg'],
    ['webp', 'format=yuv420p', ['-c:v', 'libwebp'], 'webp'],
    ['webp', 'format=rgb24', ['-c:v', 'libwebp', '-lossless', '1'], 'webp'],
    ['webp', 'format=rgba', ['-c:v', 'libwebp'], 'webp'],
  ])('a .%s from %s %j', (extension, filter, options, format) => {
    const file = encode(`${filter}-${options.length}.${extension}`, filter, ...options);
    expect(imageInfo(file)).toEqual({ format, width: 334, height: 178 });
  });
});

describe('mp4Info reads the shipped videos', () => {
  const videos = names.filter((name) => name.endsWith('.mp4'));

  test.each(videos)('%s has the duration and size its name says, and a video track', (name) => {
    const { width, height, seconds } = named(name);
    const info = mp4Info(shipped(name));
    expect(info).toMatchObject({ width, height, hasVideo: true });
    expect(Math.abs(info!.durationSeconds - seconds)).toBeLessThanOrEqual(0.1);
  });

  test('every shorter prefix of a shipped video is unreadable (a truncated download)', () => {
    const whole = shipped(videos[0]!);
    const readable = [];
    for (let length = 0; length < whole.length; length++) {
      if (mp4Info(whole.subarray(0, length)) !== undefined) readable.push(length);
    }
    expect(readable).toEqual([]);
  });
});

describe('mp4Info reads hand-made box trees', () => {
  const box = (type: string, ...payload: Part[]): Uint8Array => {
    const body = bytes(...payload);
    return bytes(be32(8 + body.length), type, body);
  };
  /** The same box with a 64-bit size (size field 1, then the size after the type). */
  const largeBox = (type: string, ...payload: Part[]): Uint8Array => {
    const body = bytes(...payload);
    return bytes(be32(1), type, be32(0), be32(16 + body.length), body);
  };
  const ftyp = box('ftyp', 'isom', be32(512), 'isomiso2avc1mp41');
  const mvhd = (timescale: number, duration: number) => box('mvhd', [0, 0, 0, 0], zeros(8), be32(timescale), be32(duration), zeros(80));
  const mvhd1 = (timescale: number, high: number, low: number) => box('mvhd', [1, 0, 0, 0], zeros(16), be32(timescale), be32(high), be32(low), zeros(80));
  const tkhd = (width: number, height: number, version = 0) =>
    box('tkhd', [version, 0, 0, 3], zeros(version === 1 ? 32 : 20), zeros(52), be32(width * 0x10000), be32(height * 0x10000));
  const hdlr = (handler: string) => box('hdlr', zeros(8), handler, zeros(12), 'name', [0]);
  const trak = (handler: string, header = tkhd(0, 0)) => box('trak', header, box('mdia', box('mdhd', zeros(24)), hdlr(handler)));
  const video = trak('vide', tkhd(1280, 720));
  const audio = trak('soun');
  const mdat = box('mdat', zeros(16));

  test.each<[string, Uint8Array, ReturnType<typeof mp4Info>]>([
    ['a video and an audio track', bytes(ftyp, box('moov', mvhd(1000, 8000), video, audio), mdat), { durationSeconds: 8, width: 1280, height: 720, hasAudio: true, hasVideo: true }],
    ['moov after mdat (not fast-start) reads the same', bytes(ftyp, mdat, box('moov', mvhd(1000, 8000), video, audio)), { durationSeconds: 8, width: 1280, height: 720, hasAudio: true, hasVideo: true }],
    ['audio only: no size', bytes(ftyp, box('moov', mvhd(44100, 44100 * 3), audio), mdat), { durationSeconds: 3, width: 0, height: 0, hasAudio: true, hasVideo: false }],
    ['a track of another kind (subtitles) is neither', bytes(ftyp, box('moov', mvhd(600, 300), trak('sbtl'), video), mdat), { durationSeconds: 0.5, width: 1280, height: 720, hasAudio: false, hasVideo: true }],
    ['version 1 headers with 64-bit times', bytes(ftyp, box('moov', mvhd1(1000, 1, 0), trak('vide', tkhd(720, 1280, 1))), mdat), { durationSeconds: 2 ** 32 / 1000, width: 720, height: 1280, hasAudio: false, hasVideo: true }],
    ['64-bit box sizes on moov, trak and mdat', bytes(ftyp, largeBox('moov', mvhd(1000, 4000), largeBox('trak', tkhd(1024, 1792), box('mdia', hdlr('vide')))), largeBox('mdat', zeros(4))), { durationSeconds: 4, width: 1024, height: 1792, hasAudio: false, hasVideo: true }],
    ['a last box of size 0 runs to the end of the file', bytes(ftyp, box('moov', mvhd(1000, 4000), video), be32(0), 'mdat', zeros(100)), { durationSeconds: 4, width: 1280, height: 720, hasAudio: false, hasVideo: true }],
    ['the first video track gives the size', bytes(ftyp, box('moov', mvhd(1, 1), video, trak('vide', tkhd(16, 16))), mdat), { durationSeconds: 1, width: 1280, height: 720, hasAudio: false, hasVideo: true }],
  ])('%s', (_name, input, expected) => {
    expect(mp4Info(input)).toEqual(expected);
  });

  test.each<[string, Uint8Array]>([
    ['no bytes at all', new Uint8Array(0)],
    ['an image', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], zeros(40))],
    ['no ftyp first', bytes(box('moov', mvhd(1000, 8000), video), ftyp, mdat)],
    ['no moov', bytes(ftyp, mdat)],
    ['no mdat: a download cut right after its header boxes', bytes(ftyp, box('moov', mvhd(1000, 8000), video), box('free'))],
    ['a moov without mvhd', bytes(ftyp, box('moov', video), mdat)],
    ['an mvhd with a timescale of 0', bytes(ftyp, box('moov', mvhd(0, 8000), video), mdat)],
    ['an mvhd of an unknown version', bytes(ftyp, box('moov', box('mvhd', [2, 0, 0, 0], zeros(100)), video), mdat)],
    ['an empty mvhd', bytes(ftyp, box('moov', box('mvhd'), video), mdat)],
    ['an mvhd cut short', bytes(ftyp, box('moov', box('mvhd', zeros(14)), video), mdat)],
    ['a trak without a handler', bytes(ftyp, box('moov', mvhd(1000, 8000), box('trak', tkhd(10, 10), box('mdia'))), mdat)],
    ['a video trak without tkhd', bytes(ftyp, box('moov', mvhd(1000, 8000), box('trak', box('mdia', hdlr('vide')))), mdat)],
    ['a tkhd cut before its size', bytes(ftyp, box('moov', mvhd(1000, 8000), trak('vide', box('tkhd', zeros(60)))), mdat)],
    ['a box smaller than its own header', bytes(ftyp, be32(4), 'free', box('moov', mvhd(1, 1), video), mdat)],
    ['a child running past its parent', bytes(ftyp, be32(8 + 16), 'moov', be32(200), 'mvhd', zeros(8), mdat)],
    ['a last box running past the end (a cut mdat)', bytes(ftyp, box('moov', mvhd(1000, 8000), video), be32(1000), 'mdat', zeros(10))],
    ['a 64-bit size past the end', bytes(ftyp, box('moov', mvhd(1000, 8000), video), be32(1), 'mdat', be32(1), be32(0))],
    ['a 64-bit size cut inside its header', bytes(ftyp, box('moov', mvhd(1000, 8000), video), be32(1), 'mdat', be32(0))],
    ['stray bytes after the last box', bytes(ftyp, box('moov', mvhd(1000, 8000), video), mdat, [0, 0, 0])],
  ])('%s is unreadable', (_name, input) => {
    expect(mp4Info(input)).toBeUndefined();
  });

  test('reads a view into a larger buffer from the view, not from the buffer start', () => {
    const file = bytes(ftyp, box('moov', mvhd(1000, 8000), video), mdat);
    const outer = bytes('junk', file, 'junk');
    expect(mp4Info(outer.subarray(4, 4 + file.length))).toMatchObject({ durationSeconds: 8, width: 1280, height: 720 });
  });
});

test('the probe uses no Node API, so browser code can import it as is', () => {
  const sources = ['probeMedia.ts', 'imageInfo.ts', 'mp4Info.ts'].map((file) =>
    readFileSync(new URL(`../../../src/core/media/${file}`, import.meta.url), 'utf8'),
  );
  for (const source of sources) {
    expect(source).not.toMatch(/\bBuffer\b|from 'node:|\bprocess\.|\brequire\(/);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
    expect(imports.filter((path) => !path.startsWith('./'))).toEqual([]);
  }
});
