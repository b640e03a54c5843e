import type { ClockMode } from '../../core/clock/createClock.js';
import type { Latency } from '../../core/faults/FaultRule.js';
import { worldDefaults } from '../../core/settings/resolveWorldOptions.js';
import type { ConnectionLimits } from './connectionLimits.js';

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
  /**
   * What created jobs may hold in memory, in bytes (a prompt counts twice, at its size in
   * memory, plus 3 KB a job); past it the oldest are forgotten. Default 64 MiB, at least 1 MiB.
   */
  maxCreatedJobsBytes?: number;
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
    maxCreatedJobsBytes: number;
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
  ...worldDefaults,
} as const;
