import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { MAX_MEDIA_BYTES, type MediaFile, type MediaLibrary } from '../../../src/core/media/mediaLibrary.js';
import { defaultMediaDir, loadMediaLibrary } from '../../../src/files/loadMediaLibrary.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const shipped = (name: string): Buffer => readFileSync(join(defaultMediaDir, name));
const shippedNames = readdirSync(defaultMediaDir);
const looks = [...new Set(shippedNames.map((name) => /-([a-z]+)\.mp4$/.exec(name)?.[1]).filter((look) => look !== undefined))].sort();
/** The shipped file with these bytes, without its look: `video-1280x720-8s-ocean.mp4` → `video-1280x720-8s.mp4`. */
function groupOf(bytes: Buffer): string | undefined {
  const name = shippedNames.find((candidate) => shipped(candidate).equals(bytes));
  return name?.replace(/-[a-z]+\.(mp4|webp)$/, '.$1');
}
/** Ids shaped like the mock's own (`video_` and 48 hex digits), from a fixed sequence. */
function jobIds(count: number): string[] {
  let state = 12345;
  const hex = () => ((state = Math.imul(state, 1103515245) + 12345) >>> 0).toString(16).padStart(8, '0');
  return Array.from({ length: count }, () => `video_${Array.from({ length: 6 }, hex).join('')}`);
}
const scratch = mkdtempSync(join(tmpdir(), 'vjm-media-'));
let folders = 0;
/** A fresh folder holding copies of the named shipped files (`shipped=as` copies under another name). */
function folderWith(...names: string[]): string {
  const dir = join(scratch, String(folders++));
  mkdirSync(dir);
  for (const name of names) {
    const [from = name, as = name] = name.split('=');
    copyFileSync(join(defaultMediaDir, from), join(dir, as));
  }
  return dir;
}

/** What loadMediaLibrary returns: the library, whose bytes (read by readFile) are Buffers. */
type LoadedLibrary = { file(...args: Parameters<MediaLibrary['file']>): Omit<MediaFile, 'bytes'> & { bytes: Buffer } };
let library: LoadedLibrary;
beforeAll(async () => {
  library = (await loadMediaLibrary()) as LoadedLibrary;
});

describe('the shipped media library', () => {
  test('the default folder is fixtures/media in the checkout, from src/ and from the built dist/', async () => {
    expect(defaultMediaDir).toBe(join(root, 'fixtures', 'media'));
    const script = "import('./dist/files/loadMediaLibrary.js').then((m) => process.stdout.write(m.defaultMediaDir))";
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

  test('every size and duration in the provider catalog has a video file of its own in every look', async () => {
    const models = (await loadProviderCatalog()).providers.flatMap((p) => p.models);
    const sizes = new Set(models.flatMap((m) => m.sizes));
    const seconds = new Set(models.flatMap((m) => m.seconds));
    const ids = jobIds(64);
    expect(looks.length).toBeGreaterThanOrEqual(3);
    const seen = new Set<Buffer>();
    for (const size of sizes) {
      for (const s of seconds) {
        for (const id of ids) {
          const file = library.file('video', size, s, id);
          expect(file.bytes.equals(shipped(`video-${size}-${s}s-${file.look}.mp4`))).toBe(true);
          seen.add(file.bytes);
        }
        expect(library.file('spritesheet', size, s).bytes.equals(shipped(`spritesheet-${size}-${s}s.jpg`))).toBe(true);
      }
      for (const id of ids) {
        const thumbnail = library.file('thumbnail', size, null, id);
        expect(thumbnail.bytes.equals(shipped(`thumbnail-${size}-${thumbnail.look}.webp`))).toBe(true);
      }
    }
    expect(seen.size).toBe(sizes.size * seconds.size * looks.length);
  });

  test('seconds: null means the default "4"', () => {
    expect(library.file('video', '720x1280', null)).toBe(library.file('video', '720x1280', '4'));
    expect(library.file('spritesheet', '720x1280', null)).toBe(library.file('spritesheet', '720x1280', '4'));
  });

  test('thumbnails are the same whatever the duration', () => {
    expect(library.file('thumbnail', '720x1280', '12')).toBe(library.file('thumbnail', '720x1280', null));
    expect(library.file('thumbnail', '720x1280', '12', 'video_1')).toBe(library.file('thumbnail', '720x1280', '4', 'video_1'));
  });

  // Until issue 20 one spritesheet per size served every duration (frames labelled 0-7 s).
  test('spritesheets follow the duration: each duration of a size has its own sheet', () => {
    for (const size of ['720x1280', '1280x720', '1024x1792', '1792x1024']) {
      const sheets = ['4', '5', '6', '8', '10', '12'].map((s) => library.file('spritesheet', size, s).bytes);
      expect(new Set(sheets.map((bytes) => bytes.toString('base64'))).size).toBe(6);
    }
  });

  test('the same request gets the same bytes every time, never a copy per request', () => {
    expect(library.file('video', '1792x1024', '10').bytes).toBe(library.file('video', '1792x1024', '10').bytes);
    expect(library.file('video', '640x480', '7').bytes).toBe(library.file('video', '640x480', '7').bytes);
    expect(library.file('video', '1280x720', '8', 'video_a').bytes).toBe(library.file('video', '1280x720', '8', 'video_a').bytes);
  });
});

describe('the job id picks the look', () => {
  const ids = jobIds(400);

  test('the same job gets the same look every time, from any library loaded from the same folder', async () => {
    const again = (await loadMediaLibrary()) as LoadedLibrary;
    for (const id of ids.slice(0, 50)) {
      expect(again.file('video', '1280x720', '8', id).bytes.equals(library.file('video', '1280x720', '8', id).bytes)).toBe(true);
      expect(again.file('thumbnail', '1280x720', null, id).look).toBe(library.file('thumbnail', '1280x720', null, id).look);
    }
  });

  test('jobs spread over every look, none getting under half or over twice its share', () => {
    const counts = new Map<string, number>();
    for (const id of ids) {
      const { look } = library.file('video', '720x1280', '4', id);
      counts.set(look, (counts.get(look) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(looks);
    const share = ids.length / looks.length;
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(share / 2);
      expect(count).toBeLessThan(share * 2);
    }
  });

  test('two jobs in a row usually look different, so a gallery of 20 is not 20 identical tiles', () => {
    const gallery = ids.slice(0, 20).map((id) => library.file('thumbnail', '1280x720', null, id).look);
    expect(new Set(gallery).size).toBe(looks.length);
    const sameAsNext = gallery.filter((look, i) => i > 0 && look === gallery[i - 1]).length;
    expect(sameAsNext).toBeLessThan(10);
  });

  test("a job's video (at every duration) and its thumbnail share one look", () => {
    for (const id of ids.slice(0, 100)) {
      const look = library.file('thumbnail', '1792x1024', null, id).look;
      for (const s of ['4', '8', '12']) expect(library.file('video', '1792x1024', s, id).look).toBe(look);
    }
  });

  test('a size or duration without files of its own still gets a look picked by the id', () => {
    const picked = new Set(ids.slice(0, 40).map((id) => library.file('video', '640x480', '7', id).look));
    expect([...picked].sort()).toEqual(looks);
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
  ])('%s (%s, %s → %s, in some look)', (_name, size, seconds, expected) => {
    expect(groupOf(library.file('video', size, seconds).bytes)).toBe(expected);
    expect(groupOf(library.file('video', size, seconds, 'video_0123').bytes)).toBe(expected);
  });

  test('a square size gets one of the shipped videos of that duration', () => {
    const candidates = ['720x1280', '1280x720', '1024x1792', '1792x1024'].map((s) => `video-${s}-8s.mp4`);
    expect(candidates).toContain(groupOf(library.file('video', '1024x1024', '8').bytes));
  });

  test('images fall back by size the same way', () => {
    expect(groupOf(library.file('thumbnail', '1920x1080', null).bytes)).toBe('thumbnail-1280x720.webp');
    expect(groupOf(library.file('spritesheet', '480x640', '5').bytes)).toBe('spritesheet-1024x1792-5s.jpg');
    expect(groupOf(library.file('spritesheet', '480x640', '7').bytes)).toBe('spritesheet-1024x1792-6s.jpg');
  });

  test('a folder with one file per variant answers every request with it, whatever the orientation', async () => {
    const small = <LoadedLibrary>await loadMediaLibrary(
      folderWith('video-1280x720-8s-ocean.mp4', 'thumbnail-1280x720-ocean.webp', 'spritesheet-1280x720-8s.jpg'),
    );
    expect(small.file('video', '720x1280', '4', 'video_1').bytes.equals(shipped('video-1280x720-8s-ocean.mp4'))).toBe(true);
    expect(small.file('thumbnail', '720x1280', null, 'video_2').bytes.equals(shipped('thumbnail-1280x720-ocean.webp'))).toBe(true);
    expect(small.file('spritesheet', '1x1', null).bytes.equals(shipped('spritesheet-1280x720-8s.jpg'))).toBe(true);
  });

  test('a folder named the earlier way (no looks, one spritesheet per size) still serves every request', async () => {
    const earlier = <LoadedLibrary>await loadMediaLibrary(
      folderWith(
        'video-1280x720-8s-ocean.mp4=video-1280x720-8s.mp4',
        'thumbnail-1280x720-ocean.webp=thumbnail-1280x720.webp',
        'spritesheet-1280x720-8s.jpg=spritesheet-1280x720.jpg',
      ),
    );
    const video = earlier.file('video', '1280x720', '8', 'video_3');
    expect(video.bytes.equals(shipped('video-1280x720-8s-ocean.mp4'))).toBe(true);
    expect(video.look).toBe('');
    expect(earlier.file('thumbnail', '1280x720', null, 'video_3').bytes.equals(shipped('thumbnail-1280x720-ocean.webp'))).toBe(true);
    for (const s of ['4', '8', '12']) {
      expect(earlier.file('spritesheet', '1280x720', s).bytes.equals(shipped('spritesheet-1280x720-8s.jpg'))).toBe(true);
    }
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
    const names = ['notes.txt', 'video-1280x720.mp4', 'thumbnail-1280x720-4s.webp', 'video-1280x720-4s.webm', 'video-0x720-4s.mp4'];
    names.push('video-1280x720-4s-Ocean.mp4', 'video-1280x720-4s-.mp4', 'video-1280x720-ocean.mp4', 'spritesheet-1280x720-4s-.jpg');
    for (const name of names) {
      writeFileSync(join(dir, name), 'not media');
    }
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no video, thumbnail, spritesheet media`));
  });

  test('a folder missing a variant names the variants it lacks', async () => {
    const dir = folderWith('video-1280x720-8s-ocean.mp4');
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no thumbnail, spritesheet media`));
  });

  test('a folder holding more than the in-memory cap of media, without reading it', async () => {
    const dir = folderWith('thumbnail-1280x720-ocean.webp', 'spritesheet-1280x720-8s.jpg');
    const huge = join(dir, 'video-1280x720-4s.mp4');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_MEDIA_BYTES + 1); // sparse: no disk is used
    expect((await refusal(dir)).message).toBe(`${dir}: more than 64 MB of media; the mock keeps it all in memory`);
  });

  test('a folder where a media name is a folder skips it', async () => {
    const dir = folderWith('video-1280x720-8s-ocean.mp4', 'thumbnail-1280x720-ocean.webp');
    mkdirSync(join(dir, 'spritesheet-1280x720-8s.jpg'));
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${dir}: no spritesheet media`));
  });
});
