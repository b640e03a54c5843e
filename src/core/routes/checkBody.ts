import { errors } from '../errors/catalog.js';
import type { ValidationResult } from '../openapi/compileContract.js';

/** Judges request fields against the spec's schema; the first problem is a 400 naming the field. */
export function checkBody(fields: Record<string, unknown>, validate: ((body: unknown) => ValidationResult) | undefined): void {
  const verdict = validate?.(fields);
  if (!verdict || verdict.valid) return;
  const problem = verdict.problems[0] ?? '$: is not valid';
  // `$.size: must match pattern ...` → field `size`
  const field = /^\$\.([^.:]+)/.exec(problem)?.[1];
  if (field === undefined) throw errors.invalidBody(problem.replace(/^\$: /, ''));
  throw errors.invalidField(field, problem.slice(problem.indexOf(':') + 2));
}
