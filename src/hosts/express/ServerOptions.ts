import type { ClockMode } from '../../core/clock/createClock.js';
import { worldDefaults } from '../../core/settings/resolveWorldOptions.js';
import { sharedOptionNames, type SharedOptions } from '../../core/settings/sharedOptions.js';
import type { ConnectionLimits } from './connectionLimits.js';

/** The server's options: what every host takes (SharedOptions), and what only a server has. */
export interface ServerOptions extends SharedOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the mock is not on the network unless asked. */
  host?: string;
  /** Folder of the media served by /content (default: the bundled fixtures/media). */
  mediaDir?: string;
  specPath?: string;
  providersPath?: string;
  /** Scenario file (YAML or JSON) of fault rules, applied in order, first match wins. */
  faultsPath?: string;
  /** Opens the admin API to any address, for holders of this token (X-Mock-Admin-Token). */
  adminToken?: string;
  /** Web page origins (e.g. `http://localhost:5173`) that may call the admin API from a browser. */
  adminOrigins?: readonly string[];
  /** close() lets in-flight requests finish for this long, then cuts them. Default 10 s. */
  shutdownGraceMs?: number;
  /** Connection caps and timeouts (see the README's Limits); each defaults on its own. */
  limits?: Partial<ConnectionLimits>;
  /** Reload the spec, providers and faults files when they change. */
  watch?: boolean;
}

/** Every name ServerOptions has, to refuse the others (the compiler keeps the list whole). */
export const serverOptionNames: readonly string[] = [
  ...sharedOptionNames,
  ...Object.keys({
    port: 1,
    host: 1,
    mediaDir: 1,
    specPath: 1,
    providersPath: 1,
    faultsPath: 1,
    adminToken: 1,
    adminOrigins: 1,
    shutdownGraceMs: 1,
    limits: 1,
    watch: 1,
  } satisfies Record<Exclude<keyof ServerOptions, keyof SharedOptions>, 1>),
];

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
