import { errors } from '../errors/catalog.js';
import type { MockError } from '../errors/MockError.js';

/**
 * The prompt of a create or a remix, checked first, as the gateway does: none (or empty) is the
 * gateway's own message for that route (`missing`); another type is named as every other
 * field's is by the schema (and is checked here even where a spec of one's own does not type it).
 */
export function textPrompt(value: unknown, missing: () => MockError): string {
  if (value === undefined || value === null || value === '') throw missing();
  if (typeof value !== 'string') throw errors.invalidField('prompt', 'must be string');
  return value;
}
