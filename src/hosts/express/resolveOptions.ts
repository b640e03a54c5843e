import { LATEST_INSTANT_MS, type ClockMode } from '../../core/clock/createClock.js';
import { readInstant } from '../../core/clock/parseInstant.js';
import { defaultJobStoreLimits } from '../../core/jobs/createJobStore.js';
import { ConfigError } from '../../core/errors/ConfigError.js';
import { isLoopbackName, type AdminAccess } from './admin/adminRouter.js';
import { defaultConnectionLimits, type ConnectionLimits } from './connectionLimits.js';
import { defaultSpecPath } from '../../files/defaultSpecPath.js';
import { defaults, type ServerOptions } from './ServerOptions.js';

/** ServerOptions with every default filled in and every value checked. */
export interface ResolvedOptions {
  port: number;
  host: string;
  seed: number;
  jobs: number;
  clockMode: ClockMode;
  now: Date;
  renderSpeed: number;
  maxCreatedJobs: number;
  maxCreatedJobsBytes: number;
  specPath: string;
  limits: ConnectionLimits;
  admin: AdminAccess;
  log: (line: string) => void;
}

const EARLIEST_NOW = new Date('2000-01-01T00:00:00Z');
const LATEST_NOW = new Date(LATEST_INSTANT_MS);
/** Clocks of replicas started apart may differ a little. */
const FUTURE_TOLERANCE_MS = 60_000;
const MIN_RENDER_SPEED = 0.01;
const MAX_RENDER_SPEED = 100_000;
/** Room for a few jobs of the largest prompt (32,000 characters charge 66 KB to 130 KB each). */
const MIN_CREATED_JOBS_BYTES = 1024 * 1024;

/**
 * Checks the options before anything is loaded or bound, so a bad one is a ConfigError naming
 * it (one line from the CLI), never a half-started server.
 */
export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const port = options.port ?? defaults.port;
  const host = options.host ?? defaults.host;
  const seed = options.seed ?? defaults.seed;
  const jobs = options.jobs ?? defaults.jobs;
  const clockMode = options.clock ?? 'frozen';
  // Under a live clock the world is anchored at the real start, in whole seconds.
  const now = toDate(options.now ?? (clockMode === 'live' ? new Date(Math.floor(Date.now() / 1000) * 1000) : defaults.now));
  const renderSpeed = options.renderSpeed ?? 1;
  if (!Number.isFinite(renderSpeed) || renderSpeed < MIN_RENDER_SPEED || renderSpeed > MAX_RENDER_SPEED) {
    throw new ConfigError(`render-speed: ${renderSpeed} is not a number from ${MIN_RENDER_SPEED} to ${MAX_RENDER_SPEED}`);
  }
  const maxCreatedJobs = options.maxCreatedJobs ?? defaultJobStoreLimits.maxCreated;
  checkInteger('maxCreatedJobs', maxCreatedJobs, 1, 1_000_000);
  const maxCreatedJobsBytes = options.maxCreatedJobsBytes ?? defaultJobStoreLimits.maxCreatedBytes;
  checkInteger('maxCreatedJobsBytes', maxCreatedJobsBytes, MIN_CREATED_JOBS_BYTES, 2 ** 40);
  if (now.getTime() < EARLIEST_NOW.getTime() || now.getTime() > LATEST_NOW.getTime()) {
    throw new ConfigError(
      `now: ${now.toISOString()} is outside ${EARLIEST_NOW.toISOString()} .. ${LATEST_NOW.toISOString()} (ids carry the creation time in 32 bits)`,
    );
  }
  // A live clock reads the real time: past a future anchor, every seeded job would not exist yet.
  if (clockMode === 'live' && now.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new ConfigError(
      `now: ${now.toISOString()} is in the future, and a live clock reads the real time (${new Date().toISOString()}), so no seeded job would have started; give a past --now, or --clock frozen to stand at it`,
    );
  }
  checkInteger('port', port, 0, 65535);
  checkInteger('seed', seed, 0, 2 ** 32 - 1);
  checkInteger('jobs', jobs, 0, 2 ** 32 - 1);
  const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined);
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...Object.fromEntries(given) };
  for (const [name, value] of Object.entries(limits)) checkInteger(`limits.${name}`, value, 1, 2 ** 31 - 1);
  checkAdminToken(options.adminToken);
  for (const origin of options.adminOrigins ?? []) checkOrigin(origin);
  return {
    port,
    host,
    seed,
    jobs,
    clockMode,
    now,
    renderSpeed,
    maxCreatedJobs,
    maxCreatedJobsBytes,
    specPath: options.specPath ?? defaultSpecPath,
    limits,
    admin: adminAccess(host, options.adminToken),
    log: options.log ?? ((line: string) => console.error(line)),
  };
}

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
  const reading = value instanceof Date ? { ms: value.getTime() } : readInstant(value);
  if ('problem' in reading) throw new ConfigError(`now: ${reading.problem}`);
  if (Number.isNaN(reading.ms)) throw new ConfigError(`now: ${JSON.stringify(String(value))} is not an ISO 8601 time or unix seconds`);
  return new Date(reading.ms);
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
