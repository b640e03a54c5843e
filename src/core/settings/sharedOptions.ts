import { ConfigError } from '../errors/ConfigError.js';
import type { Latency } from '../faults/FaultRule.js';
import { parseRule, RuleError } from '../faults/parseRules.js';
import { MAX_JOURNAL_SIZE } from '../journal/requestJournal.js';
import { describe } from './checkOptionNames.js';
import { checkInteger, worldOptionNames, type WorldOptions } from './resolveWorldOptions.js';

/** What every host takes: the world's options, and these, beside what is its own. */
export interface SharedOptions extends WorldOptions {
  /** Accept only these keys; by default any `sk-bf-` key or JWT is accepted. */
  keys?: readonly string[];
  /** Delay added to every response: fixed ms or a uniform range. */
  latency?: Latency;
  /** How many requests the journal keeps. Default 1000. */
  journalSize?: number;
  /** Where problems (contract violations, bugs) are reported. Default: console.error (stderr). */
  log?: (line: string) => void;
}

/** Every name SharedOptions has (the compiler keeps the list whole). */
export const sharedOptionNames: readonly string[] = [
  ...worldOptionNames,
  ...Object.keys({ keys: 1, latency: 1, journalSize: 1, log: 1 } satisfies Record<Exclude<keyof SharedOptions, keyof WorldOptions>, 1>),
];

/** The shared options beside the world's, checked, with their defaults filled in. */
export interface SharedSettings {
  keys: readonly string[] | undefined;
  latency: Latency | undefined;
  journalSize: number;
  log: (line: string) => void;
}

/**
 * Checks the shared options alike on every host: TypeScript holds a caller to their types,
 * plain JavaScript does not, and a value of the wrong type must be a ConfigError naming it
 * when the mock is made, not a surprise later.
 */
export function resolveSharedOptions(options: SharedOptions): SharedSettings {
  const journalSize = options.journalSize ?? 1000;
  checkInteger('journalSize', journalSize, 1, MAX_JOURNAL_SIZE);
  return {
    keys: checkKeys(options.keys),
    latency: checkLatency(options.latency),
    journalSize,
    log: checkLog(options.log) ?? ((line: string) => console.error(line)),
  };
}

/** Keys as a list of strings (a string alone would be taken letter by letter). */
function checkKeys(keys: unknown): readonly string[] | undefined {
  if (keys === undefined) return undefined;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && key.length > 0)) {
    throw new ConfigError(`keys: ${describe(keys)} is not a list of keys, such as ["sk-bf-test"]`);
  }
  return keys as readonly string[];
}

/** Where problems are reported: a function taking a line. */
function checkLog(log: unknown): ((line: string) => void) | undefined {
  if (log === undefined) return undefined;
  if (typeof log !== 'function') throw new ConfigError(`log: ${describe(log)} is not a function taking a line of text`);
  return log as (line: string) => void;
}

/**
 * Latency, checked as a fault rule's `latency` is: whole ms from 0 to 10 minutes, or
 * `{ min, max }` with min <= max. Anything else is refused, never silently left out
 * (`'100-200'` is the CLI's spelling, not the option's).
 */
function checkLatency(latency: unknown): Latency | undefined {
  if (latency === undefined) return undefined;
  try {
    // A rule of latency alone names no status: no spec's statuses are needed to judge it.
    return parseRule({ latency }, []).latency;
  } catch (error) {
    if (error instanceof RuleError) throw new ConfigError(`latency: ${error.message.replace(/^rule 0: (latency: )?/, '')}`);
    throw error;
  }
}
