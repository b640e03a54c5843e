import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors/ConfigError.js';
import { createMediaLibrary, isMediaName, MAX_MEDIA_BYTES, type MediaLibrary, type NamedMedia } from '../core/media/mediaLibrary.js';

/**
 * The media made by scripts/make-media.sh, in a checkout (two levels up from src/files or
 * dist/files). The package ships them once, as the bundled module `npm run build` makes of this
 * folder (see loadShippedMedia), not as files too.
 */
export const defaultMediaDir = fileURLToPath(new URL('../../fixtures/media', import.meta.url));

/**
 * The media the package ships: fixtures/media as `npm run build` bundled it for every host
 * (dist/bundled/mediaFiles.js), decoded once. What the server serves without `mediaDir`.
 */
export async function loadShippedMedia(): Promise<MediaLibrary> {
  const { default: files } = await import('../bundled/mediaFiles.js');
  return createMediaLibrary(
    files.map(([name, base64]) => ({ name, bytes: Buffer.from(base64, 'base64') })),
    'the shipped media (fixtures/media)',
  );
}

/**
 * Reads every media file in `dir` into memory once (they are small) for createMediaLibrary.
 * Sizes are checked before reading, so a folder over MAX_MEDIA_BYTES is refused unread. A
 * missing folder or an unreadable file is a ConfigError naming it.
 */
export async function loadMediaLibrary(dir = defaultMediaDir): Promise<MediaLibrary> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ConfigError(`${dir}: cannot read the media folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const files: NamedMedia[] = [];
  let total = 0;
  for (const name of names.sort()) {
    if (!isMediaName(name)) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      total += info.size;
      if (total > MAX_MEDIA_BYTES) {
        throw new ConfigError(`${dir}: more than ${MAX_MEDIA_BYTES / 1024 / 1024} MB of media; the mock keeps it all in memory`);
      }
      files.push({ name, bytes: await readFile(path) });
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`${path}: cannot read the media file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return createMediaLibrary(files, dir);
}
