import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { runtimeSettings } from '../../core/settings/runtimeSettings.js';
import { loadMediaLibrary, loadShippedMedia } from '../../files/loadMediaLibrary.js';
import { defaultCatalogPath } from '../../files/loadProviderCatalog.js';
import { ConfigError } from '../../core/errors/ConfigError.js';
import { createMock } from '../../core/createMock.js';
import { createApp } from './createApp.js';
import { applyConnectionLimits, TIMEOUT_CHECK_INTERVAL_MS } from './connectionLimits.js';
import { answerClientErrors } from './clientErrors.js';
import { createHostGuards } from './HostGuards.js';
import type { Judge } from '../../core/pipeline/judgeResponse.js';
import { createHttpServer } from './createHttpServer.js';
import { createRequestJournal } from '../../core/journal/requestJournal.js';
import type { Runtime } from '../../core/createRuntime.js';
import { loadRuntime, prepareReloads, runtimeFilePaths, type RuntimeFiles } from '../../files/loadRuntime.js';
import { createReloader, servedBy } from './createReloader.js';
import { resolveOptions } from './resolveOptions.js';
import type { RunningServer, ServerOptions } from './ServerOptions.js';
import { watchFiles, type FileWatcher } from '../../files/watchFiles.js';

export { defaults, type RunningServer, type ServerOptions } from './ServerOptions.js';

/** The one way to run the mock: the CLI and the tests both come through here. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const resolved = resolveOptions(options);
  const { port, host, seed, jobs, clockMode, now, renderSpeed, maxCreatedJobs, maxCreatedJobsBytes, specPath, limits, admin, log } = resolved;

  const files: RuntimeFiles = {
    specPath,
    providersPath: options.providersPath ?? defaultCatalogPath,
    ...(options.faultsPath !== undefined && { faultsPath: options.faultsPath }),
  };
  // A reload rebuilds the world from the new files but keeps its time, created jobs and deletions.
  const settings = runtimeSettings(resolved, { instanceSalt: randomInt(2 ** 32 - 1), latency: resolved.latency });

  const [first, media] = await Promise.all([loadRuntime(files, settings), options.mediaDir === undefined ? loadShippedMedia() : loadMediaLibrary(options.mediaDir)]);
  if (admin.mode === 'off') {
    log(`admin API is off: ${host} is not a loopback address and no --admin-token was given`);
  }
  // State that outlives a reload: the journal, shutdown, and what the health reports.
  const journal = createRequestJournal(resolved.journalSize);
  // The error judge of the spec in force, for answers the host gives outside any app (a 408).
  let judgeError: Judge | undefined;
  const currentJudge = () => judgeError!;
  const guards = createHostGuards(limits, currentJudge, log);
  const { shutdown, connections } = guards;
  const startedAt = Date.now();
  const auth = resolved.keys ? { keys: new Set(resolved.keys) } : {};
  const appFor = (current: Runtime) => {
    const mock = createMock({
      contract: current.contract,
      world: current.world,
      media,
      auth,
      faults: current.faults,
      journal,
      log,
      sampler: current.sampler,
      extraFields: current.extraFields,
      errorFields: current.errorFields,
    });
    judgeError = mock.judgeError;
    return createApp({
      mock,
      world: current.world,
      faults: current.faults,
      spec: current.contract.spec,
      journal,
      admin,
      ...(options.adminOrigins && { adminOrigins: options.adminOrigins }),
      health: () => {
        const runtime = reloader.current();
        return {
          seed,
          // What the console's overview shows: the spec in force, the data, who may administer.
          spec: { path: runtime.contract.spec.path, title: runtime.contract.spec.document.info.title, version: runtime.contract.spec.document.info.version },
          now: now.toISOString(),
          jobs: runtime.catalog.providers.filter((p) => p.canList).map((p) => ({ provider: p.name, count: jobs })),
          providers: runtime.catalog.providers.map((p) => p.name),
          admin: admin.mode,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          rules: runtime.faults.count(),
          journaled: journal.entries().length,
          version: reloader.loaded.version,
          specVersion: runtime.contract.spec.document.info.version,
          lastReloadError: reloader.loaded.lastReloadError,
          files: reloader.loaded.files,
        };
      },
      guards,
      log,
    });
  };
  const app = appFor(first);

  const server = createHttpServer(app, { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS });
  applyConnectionLimits(server, limits, connections);
  answerClientErrors(server, currentJudge, log);
  // The health above reads the runtime in force through it, once requests arrive.
  const reloader = createReloader({ first, files, settings, server, appFor, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`port ${port} is already in use on ${host}`)
          : new ConfigError(`cannot listen on ${host}:${port}: ${error.message}`),
      );
    });
    server.listen(port, host, () => resolve());
  });
  // Once listening, a server error (a failed accept, say) is logged: it must not end the process.
  server.on('error', (error: Error) => log(`server error: ${error.message}`));
  let watcher: FileWatcher | undefined;
  const watched = runtimeFilePaths(files);
  if (options.watch) {
    watcher = await watchFiles(watched, reloader.reload, { onError: (error) => log(`watch: ${error instanceof Error ? error.message : String(error)}`) });
    prepareReloads().catch((error: unknown) => log(`watch: cannot prepare reloads: ${String(error)}`));
  }

  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostInUrl}:${address.port}`,
    info: {
      specPath,
      seed,
      now,
      clock: clockMode,
      renderSpeed,
      maxCreatedJobs,
      maxCreatedJobsBytes,
      jobs: first.catalog.providers.filter((p) => p.canList).map((p) => ({ provider: p.name, count: jobs })),
      cannotList: first.catalog.providers.filter((p) => !p.canList).map((p) => p.name),
      faultRules: first.rules.length,
      admin: admin.mode,
      operations: servedBy(first),
      watching: watcher ? watched : [],
    },
    close: async () => {
      await watcher?.close();
      await reloader.settled();
      return new Promise<void>((resolve, reject) => {
        // In-flight requests finish (drain); idle keep-alive sockets close now; hung ones are
        // dropped, and whatever is still running after the grace period is cut.
        const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        grace.unref();
        server.close((error) => {
          clearTimeout(grace);
          if (error) reject(error);
          else resolve();
        });
        shutdown.beginClose();
        server.closeIdleConnections();
      });
    },
  };
}
