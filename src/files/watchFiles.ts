import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

export interface FileWatcher {
  close(): Promise<void>;
}

/** Editors save in bursts (truncate, then write; or write a temp file and rename it). */
export const DEBOUNCE_MS = 100;
/** A burst that never goes quiet (a save every few ms) is still reported this often. */
const MAX_WAIT_MS = 5 * DEBOUNCE_MS;
/** How often each file is also stat'ed, for the changes no event reports (see below). */
export const POLL_MS = 500;

export interface WatchOptions {
  debounceMs: number;
  pollMs: number;
  /** Where a change handler that throws or rejects is reported: nothing here may end the process. */
  onError: (error: unknown) => void;
}

/**
 * Watches files and reports each burst of changes once, after it has been quiet for
 * `debounceMs` (or `MAX_WAIT_MS` into a burst that never is), with the paths as they were given.
 * Resolves once the watch is in place. A change handler that throws or rejects is reported to
 * `onError`, and the next changes are reported as usual.
 *
 * It watches the folders, not the files. A watch on a file follows its inode, and a save by
 * rename replaces the inode: chokidar 5 re-arms its file watch after each rename, but drops
 * events closer than 5 ms to the previous one, so a rename landing in that window left it
 * watching a deleted inode, deaf for good (3 of 10 storms of 100 renames 10 ms apart). A
 * folder's entries are what a rename, a delete or a recreate changes, and the folder stays.
 * Events can still miss what happens elsewhere: a symlinked file whose target is swapped
 * (Kubernetes ConfigMaps), a folder deleted and made again, file systems that send no events
 * (some network and VM mounts); a stat of each file every `pollMs` catches those.
 */
export async function watchFiles(
  paths: readonly string[],
  onChange: (changed: string[]) => unknown,
  options: Partial<WatchOptions> = {},
): Promise<FileWatcher> {
  const { debounceMs = DEBOUNCE_MS, pollMs = POLL_MS, onError = () => undefined } = options;
  const byFolder = new Map<string, Map<string, string>>();
  for (const path of paths) {
    const absolute = resolve(path);
    const names = byFolder.get(dirname(absolute)) ?? new Map<string, string>();
    names.set(basename(absolute), path);
    byFolder.set(dirname(absolute), names);
  }
  const seen = new Map(await Promise.all(paths.map(async (path) => [path, await signature(path)] as const)));
  const pending = new Set<string>();
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = async () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    const changed = [...pending];
    pending.clear();
    // What was reported is what the poll compares with next, so it does not report it twice.
    for (const path of changed) seen.set(path, await signature(path));
    if (!closed && changed.length > 0) await onChange(changed);
  };
  const report = () => void flush().catch(onError);
  const note = (path: string) => {
    pending.add(path);
    clearTimeout(quiet);
    quiet = setTimeout(report, debounceMs);
    deadline ??= setTimeout(report, Math.max(MAX_WAIT_MS, debounceMs));
  };

  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    const watcher = watch(folder, { persistent: true }, (_event, name) => {
      // Some platforms do not say which entry changed: then any of the files may have.
      if (name === null) for (const path of names.values()) note(path);
      else if (names.has(name)) note(names.get(name)!);
    });
    // A folder that goes away ends its events (an unhandled 'error' would end the process);
    // the poll below still sees the files.
    watcher.on('error', () => watcher.close());
    watchers.push(watcher);
  }
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    void Promise.all(
      paths.map(async (path) => {
        if (!pending.has(path) && (await signature(path)) !== seen.get(path)) note(path);
      }),
    ).finally(() => (polling = false));
  }, pollMs);
  poll.unref();

  return {
    close: async () => {
      closed = true;
      clearInterval(poll);
      clearTimeout(quiet);
      clearTimeout(deadline);
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** What changes when a file's contents may have: a save by rename changes the inode. */
async function signature(path: string): Promise<string> {
  try {
    const { ino, size, mtimeMs, ctimeMs } = await stat(path);
    return `${ino}:${size}:${mtimeMs}:${ctimeMs}`;
  } catch (error) {
    return `missing:${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}
