import { resolve } from 'node:path';

export interface FileWatcher {
  close(): Promise<void>;
}

/** Editors save in bursts (truncate, then write; or write a temp file and rename it). */
export const DEBOUNCE_MS = 100;

/**
 * Watches files (chokidar 5 follows in-place edits, rename-over saves and delete/recreate,
 * which fs.watch misses) and reports each burst of changes once, after it has been quiet for
 * `debounceMs`, with the paths as they were given. Resolves once the watch is in place. The
 * watcher's own errors, and a change handler that throws or rejects, go to `onError`: nothing
 * here may end the process.
 */
export async function watchFiles(
  paths: readonly string[],
  onChange: (changed: string[]) => unknown,
  debounceMs = DEBOUNCE_MS,
  onError: (error: unknown) => void = () => undefined,
): Promise<FileWatcher> {
  const byAbsolute = new Map(paths.map((path) => [resolve(path), path]));
  // Loaded only by servers that watch: the others start without it.
  const { watch } = await import('chokidar');
  const watcher = watch([...byAbsolute.keys()], { ignoreInitial: true, persistent: true });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (event, path) => {
    if (event !== 'add' && event !== 'change' && event !== 'unlink') return;
    pending.add(byAbsolute.get(resolve(path)) ?? path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending.clear();
      Promise.resolve(changed).then(onChange).catch(onError);
    }, debounceMs);
  });
  await new Promise<void>((ready, fail) => {
    watcher.once('ready', ready);
    watcher.once('error', fail);
  });
  // An 'error' event with no listener throws: after the first, the one above is gone.
  watcher.on('error', onError);
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
