import { fnv1a } from '../data/videoId.js';
import { ConfigError } from '../errors/ConfigError.js';

export type MediaVariant = 'video' | 'thumbnail' | 'spritesheet';

/** One downloadable file. The bytes are shared by every request: never write into them. */
export interface MediaFile {
  contentType: string;
  bytes: Uint8Array;
  /** The look in the file's name (`ocean` in `video-1280x720-8s-ocean.mp4`); '' for a name without one. */
  look: string;
}

export interface MediaLibrary {
  /**
   * The file for job `jobId` of this `size` (`"<W>x<H>"`) and `seconds` (`null` means the
   * default `"4"`; ignored for thumbnails). Never throws: a size or duration with no file of its
   * own gets the nearest one (see `pickSize` and `pickSeconds`). Where several looks fit, the job
   * id picks one: the same job always gets the same file, and a job's video and thumbnail share
   * their look when the folder has the same looks for both. Without an id, the first look.
   */
  file(variant: MediaVariant, size: string, seconds: string | null, jobId?: string): MediaFile;
}

const DEFAULT_SECONDS = 4;
/** Everything is held in memory, so a folder may hold at most this much media (the shipped one: ~2.3 MB). */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024;

/**
 * `video-1280x720-8s-ocean.mp4`, `thumbnail-1280x720-ocean.webp`, `spritesheet-1280x720-8s.jpg`;
 * the look is optional, and so is a spritesheet's duration (`spritesheet-1280x720.jpg`).
 */
const fileName =
  /^(?<variant>video|thumbnail|spritesheet)-(?<width>[1-9]\d*)x(?<height>[1-9]\d*)(?:-(?<seconds>\d+)s)?(?:-(?<look>[a-z][a-z0-9]*))?\.(?<extension>mp4|webp|jpg)$/;
const expected: Record<MediaVariant, { extension: string; contentType: string; seconds: 'required' | 'optional' | 'none' }> = {
  video: { extension: 'mp4', contentType: 'video/mp4', seconds: 'required' },
  thumbnail: { extension: 'webp', contentType: 'image/webp', seconds: 'none' },
  spritesheet: { extension: 'jpg', contentType: 'image/jpeg', seconds: 'optional' },
};
const variants = Object.keys(expected) as MediaVariant[];

/** The files of one variant, size and duration, one per look, in file-name order. */
interface Group {
  width: number;
  height: number;
  /** 0 for files without a duration in their name. */
  seconds: number;
  files: MediaFile[];
}

/** A media file as a host read it: its name (see `fileName`) and its bytes. */
export interface NamedMedia {
  name: string;
  bytes: Uint8Array;
}

/** Whether a file of this name is media the library takes (others in a folder are left alone). */
export function isMediaName(name: string): boolean {
  const parts = fileName.exec(name)?.groups;
  if (!parts) return false;
  const kind = expected[parts.variant as MediaVariant];
  const hasSeconds = parts.seconds !== undefined;
  return parts.extension === kind.extension && !(kind.seconds === 'required' && !hasSeconds) && !(kind.seconds === 'none' && hasSeconds);
}

/**
 * The library of media files a host hands in (read from a folder, or bundled), kept in memory
 * so a download never waits on anything. Files not named like the shipped ones are left alone.
 * A set lacking any of the three variants, or over MAX_MEDIA_BYTES, is a ConfigError naming
 * `where`.
 */
export function createMediaLibrary(files: Iterable<NamedMedia>, where: string): MediaLibrary {
  const byVariant = new Map<MediaVariant, Map<string, Group>>(variants.map((variant) => [variant, new Map()]));
  let total = 0;
  for (const { name, bytes } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!isMediaName(name)) continue;
    total += bytes.byteLength;
    if (total > MAX_MEDIA_BYTES) {
      throw new ConfigError(`${where}: more than ${MAX_MEDIA_BYTES / 1024 / 1024} MB of media; the mock keeps it all in memory`);
    }
    const parts = fileName.exec(name)!.groups!;
    const variant = parts.variant as MediaVariant;
    const [width, height, seconds] = [Number(parts.width), Number(parts.height), Number(parts.seconds ?? 0)];
    const groups = byVariant.get(variant)!;
    const key = keyOf(`${width}x${height}`, seconds);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { width, height, seconds, files: [] }));
    group.files.push({ contentType: expected[variant].contentType, bytes, look: parts.look ?? '' });
  }
  const missing = variants.filter((variant) => byVariant.get(variant)!.size === 0);
  if (missing.length > 0) {
    throw new ConfigError(
      `${where}: no ${missing.join(', ')} media in the folder (expected files such as video-1280x720-4s.mp4, thumbnail-1280x720.webp, spritesheet-1280x720-4s.jpg; make them with scripts/make-media.sh)`,
    );
  }
  return libraryOf(byVariant);
}

function libraryOf(byVariant: Map<MediaVariant, Map<string, Group>>): MediaLibrary {
  const all = new Map([...byVariant].map(([variant, groups]) => [variant, [...groups.values()]]));
  return {
    file(variant, size, seconds, jobId = '') {
      const wanted = seconds === null ? DEFAULT_SECONDS : Number(seconds);
      // The catalog's own sizes and durations have files of their own: one map lookup, no search.
      let group = byVariant.get(variant)!.get(keyOf(size, expected[variant].seconds === 'none' ? 0 : wanted));
      if (!group) {
        const [width = NaN, height = NaN] = size.split('x').map(Number);
        const ofSize = pickSize(all.get(variant)!, width, height);
        group = pickSeconds(ofSize, Number.isFinite(wanted) ? wanted : DEFAULT_SECONDS);
      }
      return group.files[lookIndex(jobId, group.files.length)]!;
    },
  };
}

const keyOf = (size: string, seconds: number): string => `${size} ${seconds}`;

/**
 * Which of `count` looks job `jobId` gets: FNV-1a of the id, modulo the count. Stable across
 * runs and replicas (the id alone decides), and spread evenly over ids.
 */
function lookIndex(jobId: string, count: number): number {
  return jobId === '' ? 0 : fnv1a(jobId) % count;
}

/**
 * The entries of the size nearest to `width`x`height`: the exact size when there is one, else
 * the same orientation (portrait, landscape or square) first, then the closest aspect ratio,
 * then the closest pixel count. A size that cannot be read is treated as the default 720x1280.
 */
function pickSize<T extends { width: number; height: number }>(entries: T[], width: number, height: number): T[] {
  const readable = width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height);
  const [w, h] = readable ? [width, height] : [720, 1280];
  const orientation = (a: number, b: number) => Math.sign(a - b);
  const distance = (e: T): number[] => [
    e.width === w && e.height === h ? 0 : 1,
    orientation(e.width, e.height) === orientation(w, h) ? 0 : 1,
    Math.abs(Math.log(e.width / e.height) - Math.log(w / h)),
    Math.abs(Math.log((e.width * e.height) / (w * h))),
  ];
  let best: T[] = [];
  let bestDistance: number[] | undefined;
  for (const entry of entries) {
    const d = distance(entry);
    const order = bestDistance === undefined ? -1 : compare(d, bestDistance);
    if (order < 0) [best, bestDistance] = [[entry], d];
    else if (order === 0 && entry.width === best[0]!.width && entry.height === best[0]!.height) best.push(entry);
  }
  return best;
}

/** The entry whose duration is nearest to `seconds`; a tie goes to the shorter one. */
function pickSeconds<T extends { seconds: number }>(entries: T[], wanted: number): T {
  // Past a day every file is far too short; clamping keeps the distances exact integers.
  const seconds = Math.min(wanted, 86_400);
  return entries.reduce((best, e) => {
    const gap = Math.abs(e.seconds - seconds) - Math.abs(best.seconds - seconds);
    return gap < 0 || (gap === 0 && e.seconds < best.seconds) ? e : best;
  });
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}
