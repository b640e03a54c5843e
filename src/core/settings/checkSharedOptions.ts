import { ConfigError } from '../errors/ConfigError.js';
import type { Latency } from '../faults/FaultRule.js';
import { parseRule, RuleError } from '../faults/parseRules.js';
import { describe } from './checkOptionNames.js';

/*
 * The options every host takes beside the world's, checked alike on each: TypeScript holds a
 * caller to their types, plain JavaScript does not, and a value of the wrong type must be a
 * ConfigError naming it when the mock is made, not a surprise later.
 */

/** Keys as a list of strings (a string alone would be taken letter by letter). */
export function checkKeys(keys: unknown): readonly string[] | undefined {
  if (keys === undefined) return undefined;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && key.length > 0)) {
    throw new ConfigError(`keys: ${describe(keys)} is not a list of keys, such as ["sk-bf-test"]`);
  }
  return keys as readonly string[];
}

/** Where problems are reported: a function taking a line. */
export function checkLog(log: unknown): ((line: string) => void) | undefined {
  if (log === undefined) return undefined;
  if (typeof log !== 'function') throw new ConfigError(`log: ${describe(log)} is not a function taking a line of text`);
  return log as (line: string) => void;
}

/**
 * Latency, checked as a fault rule's `latency` is: whole ms from 0 to 10 minutes, or
 * `{ min, max }` with min <= max. Anything else is refused, never silently left out
 * (`'100-200'` is the CLI's spelling, not the option's).
 */
export function checkLatency(latency: unknown): Latency | undefined {
  if (latency === undefined) return undefined;
  try {
    // A rule of latency alone names no status: no spec's statuses are needed to judge it.
    return parseRule({ latency }, []).latency;
  } catch (error) {
    if (error instanceof RuleError) throw new ConfigError(`latency: ${error.message.replace(/^rule 0: (latency: )?/, '')}`);
    throw error;
  }
}
