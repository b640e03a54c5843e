import { LATEST_INSTANT_MS, type ClockMode } from '../clock/createClock.js';
import { readInstant } from '../clock/parseInstant.js';
import { ConfigError } from '../errors/ConfigError.js';
import { defaultJobStoreLimits } from '../jobs/createJobStore.js';
import { describe } from './checkOptionNames.js';

/** What every host takes to make its world of jobs (the server's flags, a fetch handler's options). */
export interface WorldOptions {
  seed?: number;
  /** Jobs per provider that can list videos. */
  jobs?: number;
  /**
   * The instant the seeded world is anchored to (its newest job is 30 s older): a Date, unix
   * seconds or an ISO 8601 string. Default: 2026-01-15T12:00:00Z under a frozen clock, the
   * real start time (whole seconds) under a live one.
   */
  now?: Date | number | string;
  /** `frozen` (default): time stands at `now` until moved (/__mock/clock, or the control object's clock). `live`: real time. */
  clock?: ClockMode;
  /** Jobs render this many times faster (default 1: a 4-second sora-2 job takes under a minute). */
  renderSpeed?: number;
  /** Created jobs kept in memory; past it the oldest is forgotten. Default 10,000. */
  maxCreatedJobs?: number;
  /**
   * What created jobs may hold in memory, in bytes (a prompt counts twice, at its size in
   * memory, plus 3 KB a job); past it the oldest are forgotten. Default 64 MiB, at least 1 MiB.
   */
  maxCreatedJobsBytes?: number;
}

/** Every name WorldOptions has (the compiler keeps the list whole). */
export const worldOptionNames = Object.keys({
  seed: 1,
  jobs: 1,
  now: 1,
  clock: 1,
  renderSpeed: 1,
  maxCreatedJobs: 1,
  maxCreatedJobsBytes: 1,
} satisfies Record<keyof WorldOptions, 1>);

/** WorldOptions with every default filled in and every value checked. */
export interface WorldSettings {
  seed: number;
  jobs: number;
  clockMode: ClockMode;
  now: Date;
  renderSpeed: number;
  maxCreatedJobs: number;
  maxCreatedJobsBytes: number;
}

export const worldDefaults = {
  seed: 42,
  jobs: 250,
  /** A fixed instant so that every run, snapshot and cursor is reproducible. */
  now: '2026-01-15T12:00:00Z',
} as const;

const EARLIEST_NOW = new Date('2000-01-01T00:00:00Z');
const LATEST_NOW = new Date(LATEST_INSTANT_MS);
/** Clocks of replicas started apart may differ a little. */
const FUTURE_TOLERANCE_MS = 60_000;
const MIN_RENDER_SPEED = 0.01;
const MAX_RENDER_SPEED = 100_000;
/** Room for a few jobs of the largest prompt (32,000 characters charge 66 KB to 130 KB each). */
const MIN_CREATED_JOBS_BYTES = 1024 * 1024;

/**
 * Checks the world's options before anything is built, so a bad one is a ConfigError naming
 * it (one line from the CLI), never a half-made world. `realNow` reads the real time (unix ms).
 */
export function resolveWorldOptions(options: WorldOptions, realNow: () => number = Date.now): WorldSettings {
  const seed = options.seed ?? worldDefaults.seed;
  const jobs = options.jobs ?? worldDefaults.jobs;
  const clockMode = options.clock ?? 'frozen';
  if (clockMode !== 'frozen' && clockMode !== 'live') throw new ConfigError(`clock: ${JSON.stringify(clockMode)} is not frozen or live`);
  // Under a live clock the world is anchored at the real start, in whole seconds.
  const now = toDate(options.now ?? (clockMode === 'live' ? new Date(Math.floor(realNow() / 1000) * 1000) : worldDefaults.now));
  const renderSpeed = options.renderSpeed ?? 1;
  if (typeof renderSpeed !== 'number' || !Number.isFinite(renderSpeed) || renderSpeed < MIN_RENDER_SPEED || renderSpeed > MAX_RENDER_SPEED) {
    throw new ConfigError(`render-speed: ${describe(renderSpeed)} is not a number from ${MIN_RENDER_SPEED} to ${MAX_RENDER_SPEED}`);
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
  if (clockMode === 'live' && now.getTime() > realNow() + FUTURE_TOLERANCE_MS) {
    throw new ConfigError(
      `now: ${now.toISOString()} is in the future, and a live clock reads the real time (${new Date(realNow()).toISOString()}), so no seeded job would have started; give a past --now, or --clock frozen to stand at it`,
    );
  }
  checkInteger('seed', seed, 0, 2 ** 32 - 1);
  checkInteger('jobs', jobs, 0, 2 ** 32 - 1);
  return { seed, jobs, clockMode, now, renderSpeed, maxCreatedJobs, maxCreatedJobsBytes };
}

function toDate(value: Date | number | string): Date {
  const reading =
    value instanceof Date ? { ms: value.getTime() } : typeof value === 'number' || typeof value === 'string' ? readInstant(value) : { problem: `${JSON.stringify(String(value))} is not an ISO 8601 time or unix seconds` };
  if ('problem' in reading) throw new ConfigError(`now: ${reading.problem}`);
  if (Number.isNaN(reading.ms)) throw new ConfigError(`now: ${JSON.stringify(String(value))} is not an ISO 8601 time or unix seconds`);
  return new Date(reading.ms);
}

export function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: ${describe(value)} is not an integer from ${min} to ${max}`);
  }
}
