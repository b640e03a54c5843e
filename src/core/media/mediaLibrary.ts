import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/ConfigError.js';

export type MediaVariant = 'video' | 'thumbnail' | 'spritesheet';

/** One downloadable file. The bytes are shared by every request: never write into them. */
export interface MediaFile {
  contentType: string;
  bytes: Buffer;
}

export interface MediaLibrary {
  /**
   * The file for a job of this `size` (`"<W>x<H>"`) and `seconds` (`null` means the default
   * `"4"`; ignored for images). Never throws: a size or duration with no file of its own gets
   * the nearest one (see `pickSize` and `pickSeconds`).
   */
  file(variant: MediaVariant, size: string, seconds: string | null): MediaFile;
}

/** The media shipped with the package, made by scripts/make-media.sh (from src/ or dist/). */
export const defaultMediaDir = fileURLToPath(new URL('../../../fixtures/media', import.meta.url));

const DEFAULT_SECONDS = 4;
/** Everything is held in memory, so a folder may hold at most this much media (the shipped one: ~0.6 MB). */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024;

/** `video-1280x720-8s.mp4`, `thumbnail-1280x720.webp`, `spritesheet-1280x720.jpg`. */
const fileName =
  /^(?<variant>video|thumbnail|spritesheet)-(?<width>[1-9]\d*)x(?<height>[1-9]\d*)(?:-(?<seconds>\d+)s)?\.(?<extension>mp4|webp|jpg)$/;
const expected: Record<MediaVariant, { extension: string; contentType: string; hasSeconds: boolean }> = {
  video: { extension: 'mp4', contentType: 'video/mp4', hasSeconds: true },
  thumbnail: { extension: 'webp', contentType: 'image/webp', hasSeconds: false },
  spritesheet: { extension: 'jpg', contentType: 'image/jpeg', hasSeconds: false },
};
const variants = Object.keys(expected) as MediaVariant[];

interface Entry {
  width: number;
  height: number;
  /** 0 for images, which have no duration. */
  seconds: number;
  file: MediaFile;
}

/**
 * Reads every media file in `dir` into memory once (they are small), so a download never
 * touches the disk. Files not named like the shipped ones are left alone. A missing folder, one
 * lacking any of the three variants, or one over MAX_MEDIA_BYTES is a ConfigError naming it.
 */
export async function loadMediaLibrary(dir = defaultMediaDir): Promise<MediaLibrary> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ConfigError(`${dir}: cannot read the media folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const byVariant = new Map<MediaVariant, Entry[]>(variants.map((variant) => [variant, []]));
  let total = 0;
  for (const name of names.sort()) {
    const parts = fileName.exec(name)?.groups;
    if (!parts) continue;
    const variant = parts.variant as MediaVariant;
    const kind = expected[variant];
    if (parts.extension !== kind.extension || (parts.seconds !== undefined) !== kind.hasSeconds) continue;
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      total += info.size;
      if (total > MAX_MEDIA_BYTES) {
        throw new ConfigError(`${dir}: more than ${MAX_MEDIA_BYTES / 1024 / 1024} MB of media; the mock keeps it all in memory`);
      }
      bytes = await readFile(path);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`${path}: cannot read the media file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    byVariant.get(variant)!.push({
      width: Number(parts.width),
      height: Number(parts.height),
      seconds: Number(parts.seconds ?? 0),
      file: { contentType: kind.contentType, bytes },
    });
  }
  const missing = variants.filter((variant) => byVariant.get(variant)!.length === 0);
  if (missing.length > 0) {
    throw new ConfigError(
      `${dir}: no ${missing.join(', ')} media in the folder (expected files such as video-1280x720-4s.mp4, thumbnail-1280x720.webp, spritesheet-1280x720.jpg; make them with scripts/make-media.sh)`,
    );
  }
  return libraryOf(byVariant);
}

function libraryOf(byVariant: Map<MediaVariant, Entry[]>): MediaLibrary {
  // The catalog's own sizes and durations have files of their own: one map lookup, no search.
  const exact = new Map<string, MediaFile>();
  for (const [variant, entries] of byVariant) {
    for (const e of entries) exact.set(keyOf(variant, `${e.width}x${e.height}`, e.seconds), e.file);
  }
  return {
    file(variant, size, seconds) {
      const wanted = seconds === null ? DEFAULT_SECONDS : Number(seconds);
      const exactFile = exact.get(keyOf(variant, size, expected[variant].hasSeconds ? wanted : 0));
      if (exactFile) return exactFile;
      const [width = NaN, height = NaN] = size.split('x').map(Number);
      const ofSize = pickSize(byVariant.get(variant)!, width, height);
      return pickSeconds(ofSize, Number.isFinite(wanted) ? wanted : DEFAULT_SECONDS).file;
    },
  };
}

const keyOf = (variant: MediaVariant, size: string, seconds: number): string => `${variant} ${size} ${seconds}`;

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
