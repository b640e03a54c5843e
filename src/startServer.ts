import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { createClock, LATEST_INSTANT_MS, type ClockMode } from './clock/createClock.js';
import { createJobStore, defaultJobStoreLimits } from './jobs/createJobStore.js';
import { defaultMediaDir, loadMediaLibrary } from './media/mediaLibrary.js';
import { defaultCatalogPath } from './data/providerCatalog.js';
import { ConfigError } from './errors/ConfigError.js';
import type { Latency } from './faults/FaultRule.js';
import { isLoopbackName, type AdminAccess } from './http/adminRouter.js';
import { createApp, handlers } from './http/createApp.js';
import { applyConnectionLimits, defaultConnectionLimits, TIMEOUT_CHECK_INTERVAL_MS, type ConnectionLimits } from './http/connectionLimits.js';
import { createHttpServer, replaceApp } from './http/createHttpServer.js';
import { createRequestJournal } from './http/requestJournal.js';
import { ShutdownState } from './http/shutdownState.js';
import { loadRuntime, type Runtime, type RuntimeFiles } from './loadRuntime.js';
import { defaultSpecPath } from './spec/defaultSpecPath.js';
import { watchFiles, type FileWatcher } from './watch/watchFiles.js';

export interface ServerOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the mock is not on the network unless asked. */
  host?: string;
  seed?: number;
  /** Jobs per provider that can list videos. */
  jobs?: number;
  /**
   * The instant the seeded world is anchored to (its newest job is 30 s older): a Date, unix
   * seconds or an ISO 8601 string. Default: 2026-01-15T12:00:00Z under a frozen clock, the
   * real start time (whole seconds) under a live one.
   */
  now?: Date | number | string;
  /** `frozen` (default here and in tests): time stands at `now` until moved through /__mock/clock. `live`: real time. */
  clock?: ClockMode;
  /** Jobs render this many times faster (default 1: a 4-second sora-2 job takes under a minute). */
  renderSpeed?: number;
  /** Created jobs kept in memory; past it the oldest is forgotten. Default 10,000. */
  maxCreatedJobs?: number;
  /** Folder of the media served by /content (default: the bundled fixtures/media). */
  mediaDir?: string;
  specPath?: string;
  providersPath?: string;
  /** Accept only these keys; by default any `sk-bf-` key or JWT is accepted. */
  keys?: readonly string[];
  /** Scenario file (YAML or JSON) of fault rules, applied in order, first match wins. */
  faultsPath?: string;
  /** Delay added to every response: fixed ms or a uniform range. */
  latency?: Latency;
  /** Opens the admin API to any address, for holders of this token (X-Mock-Admin-Token). */
  adminToken?: string;
  /** Web page origins (e.g. `http://localhost:5173`) that may call the admin API from a browser. */
  adminOrigins?: readonly string[];
  /** How many requests the journal keeps. Default 1000. */
  journalSize?: number;
  /** close() lets in-flight requests finish for this long, then cuts them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Connection caps and timeouts (see the README's Limits); each defaults on its own. */
  limits?: Partial<ConnectionLimits>;
  /** Where problems (contract violations, bugs) are reported. Default: stderr. */
  log?: (line: string) => void;
  /** Reload the spec, providers and faults files when they change. */
  watch?: boolean;
}

export interface RunningServer {
  url: string;
  info: {
    specPath: string;
    seed: number;
    now: Date;
    clock: ClockMode;
    renderSpeed: number;
    maxCreatedJobs: number;
    jobs: { provider: string; count: number }[];
    cannotList: string[];
    faultRules: number;
    /** Written out, not AdminAccess['mode']: the public types must not reach Express's. */
    admin: 'loopback' | 'token' | 'off';
    /** operationIds served by domain handlers, and from the spec's schemas. */
    operations: { domain: string[]; schema: string[] };
    /** Files reloaded on change (with `watch`). */
    watching: string[];
  };
  close(): Promise<void>;
}

export const defaults = {
  port: 8080,
  host: '127.0.0.1',
  seed: 42,
  jobs: 250,
  /** A fixed instant so that every run, snapshot and cursor is reproducible. */
  now: '2026-01-15T12:00:00Z',
} as const;

/** The one way to run the mock: the CLI and the tests both come through here. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? defaults.port;
  const host = options.host ?? defaults.host;
  const seed = options.seed ?? defaults.seed;
  const jobs = options.jobs ?? defaults.jobs;
  const clockMode = options.clock ?? 'frozen';
  // Under a live clock the world is anchored at the real start, in whole seconds.
  const startedAtMs = Date.now();
  const now = toDate(options.now ?? (clockMode === 'live' ? new Date(Math.floor(startedAtMs / 1000) * 1000) : defaults.now));
  const renderSpeed = options.renderSpeed ?? 1;
  if (!Number.isFinite(renderSpeed) || renderSpeed < MIN_RENDER_SPEED || renderSpeed > MAX_RENDER_SPEED) {
    throw new ConfigError(`render-speed: ${renderSpeed} is not a number from ${MIN_RENDER_SPEED} to ${MAX_RENDER_SPEED}`);
  }
  const maxCreatedJobs = options.maxCreatedJobs ?? defaultJobStoreLimits.maxCreated;
  checkInteger('maxCreatedJobs', maxCreatedJobs, 1, 1_000_000);
  if (now.getTime() < EARLIEST_NOW.getTime() || now.getTime() > LATEST_NOW.getTime()) {
    throw new ConfigError(
      `now: ${now.toISOString()} is outside ${EARLIEST_NOW.toISOString()} .. ${LATEST_NOW.toISOString()} (ids carry the creation time in 32 bits)`,
    );
  }
  const specPath = options.specPath ?? defaultSpecPath;
  const log = options.log ?? ((line: string) => console.error(line));
  checkInteger('port', port, 0, 65535);
  checkInteger('seed', seed, 0, 2 ** 32 - 1);
  checkInteger('jobs', jobs, 0, 2 ** 32 - 1);
  const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined);
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...Object.fromEntries(given) };
  for (const [name, value] of Object.entries(limits)) checkInteger(`limits.${name}`, value, 1, 2 ** 31 - 1);
  checkAdminToken(options.adminToken);

  const files: RuntimeFiles = {
    specPath,
    providersPath: options.providersPath ?? defaultCatalogPath,
    ...(options.faultsPath !== undefined && { faultsPath: options.faultsPath }),
  };
  const settings = {
    seed,
    jobs,
    now: Math.floor(now.getTime() / 1000),
    ...(options.latency !== undefined && { latency: options.latency }),
    renderSpeed,
    // A reload rebuilds the world from the new files but keeps its time, created jobs and deletions.
    state: {
      clock: createClock({ mode: clockMode, start: now.getTime() }),
      store: createJobStore({ ...defaultJobStoreLimits, maxCreated: maxCreatedJobs }),
      instanceSalt: randomInt(2 ** 32 - 1),
    },
  };
  const [first, media] = await Promise.all([loadRuntime(files, settings), loadMediaLibrary(options.mediaDir ?? defaultMediaDir)]);
  let runtime = first;
  for (const origin of options.adminOrigins ?? []) checkOrigin(origin);
  const admin = adminAccess(host, options.adminToken);
  if (admin.mode === 'off') {
    log(`admin API is off: ${host} is not a loopback address and no --admin-token was given`);
  }
  // State that outlives a reload: the journal, shutdown, and what the health reports.
  const journal = createRequestJournal(options.journalSize ?? 1000);
  const shutdown = new ShutdownState(limits.maxHeld);
  const startedAt = Date.now();
  const loaded = { version: 1, lastReloadError: null as string | null };
  const appFor = (current: Runtime) =>
    createApp({
      contract: current.contract,
      world: current.world,
      media,
      auth: options.keys ? { keys: new Set(options.keys) } : {},
      faults: current.faults,
      journal,
      admin,
      ...(options.adminOrigins && { adminOrigins: options.adminOrigins }),
      health: () => ({
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
        version: loaded.version,
        specVersion: runtime.contract.spec.document.info.version,
        lastReloadError: loaded.lastReloadError,
      }),
      shutdown,
      log,
      sampler: current.sampler,
      extraFields: current.extraFields,
    });
  const app = appFor(runtime);

  const server = createHttpServer(app, { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS });
  applyConnectionLimits(server, limits);
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
  // Reloads run one at a time; a failed one leaves the runtime in force untouched.
  let reloading = Promise.resolve();
  const reload = (changed: readonly string[]) => {
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
        loaded.lastReloadError = null;
        const ms = Math.round(performance.now() - started);
        log(`reload: now serving version ${loaded.version} (${changed.join(', ')} changed, loaded in ${ms} ms)`);
        const served = servedBy(next);
        if (served.schema.join() !== servedBy(previous).schema.join()) {
          log(`reload: schema-served operations now ${served.schema.join(', ') || '(none)'}`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        loaded.lastReloadError = message;
        log(`reload failed, still serving version ${loaded.version}: ${message}`);
      }
    });
    return reloading;
  };
  let watcher: FileWatcher | undefined;
  const watched = [files.specPath, files.providersPath, ...(files.faultsPath ? [files.faultsPath] : [])];
  if (options.watch) watcher = await watchFiles(watched, reload);

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
      jobs: runtime.catalog.providers.filter((p) => p.canList).map((p) => ({ provider: p.name, count: jobs })),
      cannotList: runtime.catalog.providers.filter((p) => !p.canList).map((p) => p.name),
      faultRules: runtime.rules.length,
      admin: admin.mode,
      operations: servedBy(runtime),
      watching: watcher ? watched : [],
    },
    close: async () => {
      await watcher?.close();
      await reloading;
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

function servedBy(runtime: Runtime): RunningServer['info']['operations'] {
  const ids = [...runtime.contract.operations.keys()];
  return { domain: ids.filter((id) => id in handlers), schema: ids.filter((id) => !(id in handlers)) };
}

const EARLIEST_NOW = new Date('2000-01-01T00:00:00Z');
const LATEST_NOW = new Date(LATEST_INSTANT_MS);
const MIN_RENDER_SPEED = 0.01;
const MAX_RENDER_SPEED = 100_000;

function adminAccess(host: string, token: string | undefined): AdminAccess {
  if (token) return { mode: 'token', token };
  return isLoopbackName(host) ? { mode: 'loopback' } : { mode: 'off' };
}

/**
 * The token travels in a header: it must be printable ASCII (spaces inside are fine), with no
 * space at either end, which HTTP would strip. Said at startup, not as a 401 on every call.
 */
function checkAdminToken(token: string | undefined): void {
  if (!token) return;
  if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(token)) {
    throw new ConfigError(
      'admin token: a header cannot carry it as given; use printable ASCII characters only, with no space at either end',
    );
  }
}

function toDate(value: Date | number | string): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number' || /^\d+$/.test(value)
        ? new Date(Number(value) * 1000)
        : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ConfigError(`now: ${JSON.stringify(String(value))} is not an ISO 8601 time or unix seconds`);
  }
  return date;
}

function checkOrigin(origin: string): void {
  const protocol = URL.canParse(origin) ? new URL(origin).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(`adminOrigins: ${JSON.stringify(origin)} is not an http(s) origin such as http://localhost:5173`);
  }
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: ${value} is not an integer from ${min} to ${max}`);
  }
}
