import type { Server } from 'node:http';
import { replaceApp, type ServedApp } from './createHttpServer.js';
import { routeHandlers } from '../../core/routes/routeTable.js';
import type { Runtime, RuntimeSettings } from '../../core/createRuntime.js';
import { loadRuntime, runtimeFilePaths, type RuntimeFiles } from '../../files/loadRuntime.js';

/** What the health says of one file the server is built from. */
export interface FileState {
  /** The version (see LoadedVersion) that loaded the file's contents in force. */
  version: number;
  /** Why the file as it is on disk now does not load (its previous contents stay in force); null when it does. */
  error: string | null;
}

/** What the health reports of reloads: the version in force and why the last one failed. */
export interface LoadedVersion {
  version: number;
  /** The newest error among the files that are still broken on disk (null when none is). */
  lastReloadError: string | null;
  /** Each file by path, as given. */
  files: Record<string, FileState>;
}

export interface Reloader {
  /** The runtime in force: replaced only by a reload that loaded in full. */
  current(): Runtime;
  readonly loaded: LoadedVersion;
  /** Reloads after `changed` files changed; resolves when this reload (and any before it) ended. */
  reload(changed: readonly string[]): Promise<void>;
  /** Resolves once no reload is running. */
  settled(): Promise<void>;
}

/**
 * Reloads run one at a time, and changes that arrive while one runs are taken together by the
 * next (a storm of saves ends in one reload that reads the files as they are last). The new app
 * takes new requests while in-flight ones finish on the old. A file that fails to load keeps
 * its previous contents in force and is reported, in one line and in the health, until it loads;
 * the other files changed with it still load.
 */
export function createReloader(input: {
  first: Runtime;
  files: RuntimeFiles;
  settings: RuntimeSettings;
  server: Server;
  appFor: (runtime: Runtime) => ServedApp;
  log: (line: string) => void;
}): Reloader {
  const { files, settings, server, appFor, log } = input;
  let runtime = input.first;
  const paths = runtimeFilePaths(files);
  const loaded: LoadedVersion = {
    version: 1,
    lastReloadError: null,
    files: Object.fromEntries(paths.map((path) => [path, { version: 1, error: null }])),
  };
  // Files still broken on disk, oldest error first: a good edit of one file must not hide that
  // another is still broken.
  const broken = new Map<string, string>();
  const report = () => {
    loaded.lastReloadError = [...broken.values()].at(-1) ?? null;
    for (const path of paths) loaded.files[path]!.error = broken.get(path) ?? null;
  };

  /** Loads `changed` in one piece; true if it is in force. Never throws. */
  const attempt = async (changed: readonly string[]): Promise<{ ok: true } | { ok: false; message: string }> => {
    const started = performance.now();
    try {
      const next = await loadRuntime(files, settings, { runtime, changed: new Set(changed) });
      replaceApp(server, appFor(next));
      const previous = runtime;
      runtime = next;
      loaded.version += 1;
      for (const path of changed) {
        broken.delete(path);
        if (loaded.files[path]) loaded.files[path].version = loaded.version;
      }
      report();
      if (next.faults !== previous.faults) {
        log(`reload: ${files.faultsPath}: ${next.rules.length} fault rule(s) from the file replace the rules in force (counters restart)`);
      }
      const ms = Math.round(performance.now() - started);
      log(`reload: now serving version ${loaded.version} (${changed.join(', ')} changed, loaded in ${ms} ms)`);
      const served = servedBy(next);
      if (served.schema.join() !== servedBy(previous).schema.join()) {
        log(`reload: schema-served operations now ${served.schema.join(', ') || '(none)'}`);
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };

  /** Loads what changed; a file that fails is set aside and the others are tried again. */
  const reloadOnce = async (changed: readonly string[]) => {
    let remaining = changed;
    while (remaining.length > 0) {
      const outcome = await attempt(remaining);
      if (outcome.ok) return;
      const { message } = outcome;
      // ConfigErrors begin with the file they are about; otherwise blame every changed file.
      const culprits = remaining.filter((path) => message.startsWith(`${path}: `));
      const blamed = culprits.length > 0 ? culprits : remaining;
      for (const path of blamed) {
        broken.delete(path); // re-inserted last: the newest error is the one reported
        broken.set(path, message);
      }
      report();
      log(`reload failed, still serving version ${loaded.version}: ${message}`);
      remaining = remaining.filter((path) => !blamed.includes(path));
    }
  };

  const queued = new Set<string>();
  let running: Promise<void> | undefined;
  const drain = async () => {
    try {
      while (queued.size > 0) {
        const changed = [...queued];
        queued.clear();
        await reloadOnce(changed);
      }
    } finally {
      running = undefined;
    }
  };
  return {
    current: () => runtime,
    loaded,
    settled: () => running ?? Promise.resolve(),
    reload(changed) {
      for (const path of changed) queued.add(path);
      running ??= drain();
      return running;
    },
  };
}

/** operationIds served by domain handlers, and from the spec's schemas. */
export function servedBy(runtime: Runtime): { domain: string[]; schema: string[] } {
  const ids = [...runtime.contract.operations.keys()];
  return { domain: ids.filter((id) => id in routeHandlers), schema: ids.filter((id) => !(id in routeHandlers)) };
}
