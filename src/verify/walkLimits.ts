import { ConfigError } from '../core/errors/ConfigError.js';
import type { OperationContract } from '../core/openapi/compileContract.js';

/** The page sizes the spec allows for the list's `limit`. */
export interface LimitRange {
  min: number;
  max: number;
}

/** A problem with one option of `verifyServer`; the CLI names it as its flag (`limits` → `--limits`). */
export class VerifyOptionError extends ConfigError {
  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`${option}: ${problem}`);
    this.name = 'VerifyOptionError';
  }
}

/** `limit`'s `minimum`/`maximum` in the spec; 1 to 100 where it says nothing. */
export function limitRange(operation: OperationContract): LimitRange {
  const schema = operation.parameters.find((p) => p.name === 'limit')?.schema;
  const min = typeof schema?.['minimum'] === 'number' ? Math.max(1, Math.ceil(schema['minimum'])) : 1;
  const max = typeof schema?.['maximum'] === 'number' ? Math.floor(schema['maximum']) : 100;
  return { min, max };
}

/** The nearest page size the spec allows. */
export function clampLimit(limit: number, range: LimitRange): number {
  return Math.min(range.max, Math.max(range.min, limit));
}

/**
 * The page sizes to walk: the ones asked for, each checked against the spec's range (a walk at
 * a size the spec forbids would fail a correct server), or the defaults moved into the range.
 */
export function walkLimits(range: LimitRange, defaults: readonly number[], asked: readonly number[] | undefined, specPath: string): number[] {
  if (asked === undefined) return [...new Set(defaults.map((limit) => clampLimit(limit, range)))];
  const outside = asked.filter((limit) => limit < range.min || limit > range.max);
  if (outside.length > 0) {
    throw new VerifyOptionError('limits', `${outside.join(',')} ${outside.length > 1 ? 'are' : 'is'} outside the range the spec allows for limit, ${range.min} to ${range.max} (${specPath})`);
  }
  return [...asked];
}
