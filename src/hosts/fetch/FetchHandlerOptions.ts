import type { FaultRule, Latency } from '../../core/faults/FaultRule.js';
import type { NamedMedia } from '../../core/media/mediaLibrary.js';
import { worldOptionNames, type WorldOptions } from '../../core/settings/resolveWorldOptions.js';

/**
 * What a fetch handler (and MSW's handlers) take: the server's options where they make sense,
 * and the inputs it would read from files, given as data (each defaults to the bundled one).
 */
export interface FetchHandlerOptions extends WorldOptions {
  /** Accept only these keys; by default any `sk-bf-` key or JWT is accepted. */
  keys?: readonly string[];
  /** Fault rules, applied in order, first match wins: a scenario file's `rules`, as data. */
  faults?: readonly FaultRule[] | { rules: readonly FaultRule[] };
  /** Delay added to every response: fixed ms or a uniform range. */
  latency?: Latency;
  /**
   * Your own OpenAPI 3.1 document, parsed (`JSON.parse`, or YAML you parsed): it is served
   * instead of the bundled openapi.yaml. References must point inside it. Default: the bundled one.
   */
  spec?: object;
  /** A provider catalog shaped like fixtures/providers.json. Default: the bundled one. */
  providers?: unknown;
  /**
   * Media files (named like fixtures/media's), or a function that loads them, called on the
   * first content request. Default: the bundled media, loaded then.
   */
  media?: readonly NamedMedia[] | (() => Promise<readonly NamedMedia[]>);
  /** How many requests the journal keeps. Default 1000. */
  journalSize?: number;
  /** Where problems (contract violations, bugs) are reported. Default: console.error. */
  log?: (line: string) => void;
}

/** Every name FetchHandlerOptions has, to refuse the others (the compiler keeps the list whole). */
export const fetchHandlerOptionNames: readonly string[] = [
  ...worldOptionNames,
  ...Object.keys({
    keys: 1,
    faults: 1,
    latency: 1,
    spec: 1,
    providers: 1,
    media: 1,
    journalSize: 1,
    log: 1,
  } satisfies Record<Exclude<keyof FetchHandlerOptions, keyof WorldOptions>, 1>),
];
