import type { FaultRule } from '../../core/faults/FaultRule.js';
import type { NamedMedia } from '../../core/media/mediaLibrary.js';
import { sharedOptionNames, type SharedOptions } from '../../core/settings/sharedOptions.js';

/**
 * What a fetch handler (and MSW's handlers) take: the server's options where they make sense,
 * and the inputs it would read from files, given as data (each defaults to the bundled one).
 */
export interface FetchHandlerOptions extends SharedOptions {
  /** Fault rules, applied in order, first match wins: a scenario file's `rules`, as data. */
  faults?: readonly FaultRule[] | { rules: readonly FaultRule[] };
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
}

/** Every name FetchHandlerOptions has, to refuse the others (the compiler keeps the list whole). */
export const fetchHandlerOptionNames: readonly string[] = [
  ...sharedOptionNames,
  ...Object.keys({
    faults: 1,
    spec: 1,
    providers: 1,
    media: 1,
  } satisfies Record<Exclude<keyof FetchHandlerOptions, keyof SharedOptions>, 1>),
];
