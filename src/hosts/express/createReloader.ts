import type { Server } from 'node:http';
import type { Express } from 'express';
import { replaceApp } from './createHttpServer.js';
import { routeHandlers } from '../../core/routes/routeTable.js';
import type { Runtime, RuntimeSettings } from '../../core/createRuntime.js';
import { loadRuntime, type RuntimeFiles } from '../../files/loadRuntime.js';

/** What the health reports of reloads: the version in force and why the last one failed. */
export interface LoadedVersion {
  version: number;
  lastReloadError: string | null;
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
 * Reloads run one at a time; the new app takes new requests while in-flight ones finish on
 * the old. A failed reload leaves the runtime in force untouched and says why, in one line.
 */
export function createReloader(input: {
  first: Runtime;
  files: RuntimeFiles;
  settings: RuntimeSettings;
  server: Server;
  appFor: (runtime: Runtime) => Express;
  log: (line: string) => void;
}): Reloader {
  const { files, settings, server, appFor, log } = input;
  let runtime = input.first;
  const loaded: LoadedVersion = { version: 1, lastReloadError: null };
  // A file's last load error, until that file loads again: a good edit of one file must not
  // hide that another watched file is still broken on disk (its previous version is in force).
  const broken = new Map<string, string>();
  const report = () => {
    loaded.lastReloadError = [...broken.values()].at(-1) ?? null;
  };
  let reloading = Promise.resolve();
  return {
    current: () => runtime,
    loaded,
    settled: () => reloading,
    reload(changed) {
      reloading = reloading.then(async () => {
        const started = performance.now();
        try {
          const next = await loadRuntime(files, settings, { runtime, changed: new Set(changed) });
          replaceApp(server, appFor(next));
          if (next.faults !== runtime.faults) {
            log(`reload: ${files.faultsPath}: ${next.rules.length} fault rule(s) from the file replace the rules in force (counters restart)`);
          }
          const previous = runtime;
          runtime = next;
          loaded.version += 1;
          for (const path of changed) broken.delete(path);
          report();
          const ms = Math.round(performance.now() - started);
          log(`reload: now serving version ${loaded.version} (${changed.join(', ')} changed, loaded in ${ms} ms)`);
          const served = servedBy(next);
          if (served.schema.join() !== servedBy(previous).schema.join()) {
            log(`reload: schema-served operations now ${served.schema.join(', ') || '(none)'}`);
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // ConfigErrors begin with the file they are about; otherwise blame every changed file.
          const culprits = changed.filter((path) => message.startsWith(path));
          for (const path of culprits.length > 0 ? culprits : changed) {
            broken.delete(path); // re-inserted last: the newest error is the one reported
            broken.set(path, message);
          }
          report();
          log(`reload failed, still serving version ${loaded.version}: ${message}`);
        }
      });
      return reloading;
    },
  };
}

/** operationIds served by domain handlers, and from the spec's schemas. */
export function servedBy(runtime: Runtime): { domain: string[]; schema: string[] } {
  const ids = [...runtime.contract.operations.keys()];
  return { domain: ids.filter((id) => id in routeHandlers), schema: ids.filter((id) => !(id in routeHandlers)) };
}
