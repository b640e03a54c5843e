import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import {
  defaultMediaDir,
  loadMediaLibrary,
  MAX_MEDIA_BYTES,
  type MediaLibrary,
} from '../../../src/core/media/mediaLibrary.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const shipped = (name: string): Buffer => readFileSync(join(defaultMediaDir, name));
const scratch = mkdtempSync(join(tmpdir(), 'vjm-media-'));
let folders = 0;
/** A fresh folder holding copies of the named shipped files. */
function folderWith(...names: string[]): string {
  const dir = join(scratch, String(folders++));
  mkdirSync(dir);
  for (const name of names) copyFileSync(join(defaultMediaDir, name), join(dir, name));
  return dir;
}

let library: MediaLibrary;
beforeAll(async () => {
  library = await loadMediaLibrary();
});

describe('the shipped media library', () => {
  test('the default folder is fixtures/media in the checkout, from src/ and from the built dist/', async () => {
    expect(defaultMediaDir).toBe(join(root, 'fixtures', 'media'));
    const script = "import('./dist/core/media/mediaLibrary.js').then((m) => process.stdout.write(m.defaultMediaDir))";
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root });
    expect(stdout).toBe(defaultMediaDir);
  });

  test('each variant has its content type and the matching file signature', () => {
    const video = library.file('video', '1280x720', '8');
    expect(video.contentType).toBe('video/mp4');
    expect(video.bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const thumbnail = library.file('thumbnail', '1280x720', '8');
    expect(thumbnail.contentType).toBe('image/webp');
    expect(thumbnail.bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(thumbnail.bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    const spritesheet = library.file('spritesheet', '1280x720', '8');
    expect(spritesheet.contentType).toBe('image/jpeg');
    expect([...spritesheet.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  test('every size and duration in the provider catalog has a video file of its own', async () => {
    const models = (await loadProviderCatalog()).providers.flatMap((p) => p.models);
    const sizes = new Set(models.flatMap((m) => m.sizes));
    const seconds = new Set(models.flatMap((m) => m.seconds));
    const seen = new Set<Buffer>();
    for (const size of sizes) {
      for (const s of seconds) {
        const file = library.file('video', size, s);
        expect(file.bytes.equals(shipped(`video-${size}-${s}s.mp4`))).toBe(true);
        seen.add(file.bytes);
      }
      expect(library.file('thumbnail', size, null).bytes.equals(shipped(`thumbnail-${size}.webp`))).toBe(true);
      expect(library.file('spritesheet', size, null).bytes.equals(shipped(`spritesheet-${size}.jpg`))).toBe(true);
    }
    expect(seen.size).toBe(sizes.size * seconds.size);
  });

  test('seconds: null means the default "4"', () => {
    expect(library.file('video', '720x1280', null)).toBe(library.file('video', '720x1280', '4'));
  });

  test('images are the same whatever the duration', () => {
    expect(library.file('thumbnail', '720x1280', '12')).toBe(library.file('thumbnail', '720x1280', null));
    expect(library.file('spritesheet', '720x1280', '12')).toBe(library.file('spritesheet', '720x1280', '4'));
  });

  test('the same request gets the same bytes every time, never a copy per request', () => {
    expect(library.file('video', '1792x1024', '10').bytes).toBe(library.file('video', '1792x1024', '10').bytes);
    expect(library.file('video', '640x480', '7').bytes).toBe(library.file('video', '640x480', '7').bytes);
  });
});

describe('a size or duration without a file of its own gets the nearest one', () => {
  test.each<[string, string, string | null, string]>([
    ['a landscape size gets the landscape file of the closest aspect', '640x480', '4', 'video-1792x1024-4s.mp4'],
    ['a portrait size of a shipped aspect gets that aspect', '1080x1920', '8', 'video-720x1280-8s.mp4'],
    ['a landscape size of a shipped aspect gets that aspect', '1920x1080', '8', 'video-1280x720-8s.mp4'],
    ['a duration between two gets the shorter', '1280x720', '7', 'video-1280x720-6s.mp4'],
    ['a duration past the longest gets the longest', '1280x720', '20', 'video-1280x720-12s.mp4'],
    ['a duration too big for a number gets the longest', '1280x720', '99999999999999999999', 'video-1280x720-12s.mp4'],
    ['a duration under the shortest gets the shortest', '1280x720', '1', 'video-1280x720-4s.mp4'],
    ['zero seconds gets the shortest', '1280x720', '0', 'video-1280x720-4s.mp4'],
    ['a zero size is read as the default 720x1280', '0x0', '8', 'video-720x1280-8s.mp4'],
    ['an unreadable size is read as the default 720x1280', 'big', null, 'video-720x1280-4s.mp4'],
    ['an unreadable duration is read as the default 4', '1280x720', 'long', 'video-1280x720-4s.mp4'],
    ['both fall back at once', '3840x2160', '9', 'video-1280x720-8s.mp4'],
  ])('%s (%s, %s → %s)', (_name, size, seconds, expected) => {
    expect(library.file('video', size, seconds).bytes.equals(shipped(expected))).toBe(true);
  });

  test('a square size gets one of the shipped videos of that duration', () => {
    const candidates = ['720x1280', '1280x720', '1024x1792', '1792x1024'].map((s) => shipped(`video-${s}-8s.mp4`));
    const file = library.file('video', '1024x1024', '8');
    expect(candidates.some((c) => c.equals(file.bytes))).toBe(true);
  });

  test('images fall back by size the same way', () => {
    expect(library.file('thumbnail', '1920x1080', null).bytes.equals(shipped('thumbnail-1280x720.webp'))).toBe(true);
    expect(library.file('spritesheet', '480x640', '5').bytes.equals(shipped('spritesheet-1024x1792.jpg'))).toBe(true);
  });

  test('a folder with one file per variant answers every request with it, whatever the orientation', async () => {
    const small = await loadMediaLibrary(
      folderWith('video-1280x720-8s.mp4', 'thumbnail-1280x720.webp', 'spritesheet-1280x720.jpg'),
    );
    expect(small.file('video', '720x1280', '4').bytes.equals(shipped('video-1280x720-8s.mp4'))).toBe(true);
    expect(small.file('thumbnail', '720x1280', null).bytes.equals(shipped('thumbnail-1280x720.webp'))).toBe(true);
    expect(small.file('spritesheet', '1x1', null).bytes.equals(shipped('spritesheet-1280x720.jpg'))).toBe(true);
  });
});

describe('loadMediaLibrary refuses a folder it cannot serve from, in one line naming it', () => {
  async function refusal(dir: string): Promise<ConfigError> {
    const error: unknown = await loadMediaLibrary(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    expect(message).not.toContain('\n');
    return error as ConfigError;
  }

  test('a missing folder', async () => {
    const dir = join(scratch, 'no-such-folder');
    expect((await refusal(dir)).message).toBe(`${dir}: cannot read the media folder (ENOENT)`);
  });

  test('an empty folder', async () => {
    const dir = folderWith();
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no video, thumbnail, spritesheet media in the folder`));
  });

  test('a folder of files not named like media', async () => {
    const dir = folderWith();
    for (const name of ['notes.txt', 'video-1280x720.mp4', 'thumbnail-1280x720-4s.webp', 'video-1280x720-4s.webm', 'video-0x720-4s.mp4']) {
      writeFileSync(join(dir, name), 'not media');
    }
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no video, thumbnail, spritesheet media`));
  });

  test('a folder missing a variant names the variants it lacks', async () => {
    const dir = folderWith('video-1280x720-8s.mp4');
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no thumbnail, spritesheet media`));
  });

  test('a folder holding more than the in-memory cap of media, without reading it', async () => {
    const dir = folderWith('thumbnail-1280x720.webp', 'spritesheet-1280x720.jpg');
    const huge = join(dir, 'video-1280x720-4s.mp4');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_MEDIA_BYTES + 1); // sparse: no disk is used
    expect((await refusal(dir)).message).toBe(`${dir}: more than 64 MB of media; the mock keeps it all in memory`);
  });

  test('a folder where a media name is a folder skips it', async () => {
    const dir = folderWith('video-1280x720-8s.mp4', 'thumbnail-1280x720.webp');
    mkdirSync(join(dir, 'spritesheet-1280x720.jpg'));
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no spritesheet media`));
  });
});
