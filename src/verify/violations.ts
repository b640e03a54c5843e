import type { JsonSchema } from '../core/openapi/compileContract.js';

/** A value one schema forbids, and why. */
export interface Violation {
  /** Short and stable, for the check's name: `wrong-type`, `too-short`, `not-in-enum`... */
  kind: string;
  /** What is wrong, for the check's scope: `prompt empty`. */
  what: string;
  value: unknown;
}

/** Longer strings are not sent: a `maxLength` past this is not probed. */
const MAX_PROBE_LENGTH = 100_000;
/** Strings tried against a `pattern`: the first that breaks it (and fits the lengths) is sent. */
const PATTERN_CANDIDATES = ['verify', 'verify value', '-', '0', 'verify:value', 'verify/value', 'verify:value:more', 'VERIFY_9'];

/**
 * The values a schema forbids, one per rule it states: another type, each side of a length or
 * a range, a value outside its enum, a string breaking its pattern, an object with an unknown
 * or no property. `textOnly` keeps what a form field can carry (text).
 * The caller keeps only those its validator really refuses.
 */
export function violationsOf(name: string, schema: JsonSchema, { textOnly = false } = {}): Violation[] {
  const out: Violation[] = [];
  const types = [schema['type']].flat().filter((t): t is string => typeof t === 'string');
  const isText = types.length === 0 ? typeof schema['pattern'] === 'string' || typeof schema['minLength'] === 'number' : types.includes('string');
  const other = otherTypeValue(types);
  if (other !== undefined && (!textOnly || typeof other === 'string')) out.push({ kind: 'wrong-type', what: `${name} of the wrong type (${JSON.stringify(other)})`, value: other });
  const { minLength, maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern } = schema;
  if (isText && typeof minLength === 'number' && minLength > 0) out.push({ kind: 'too-short', what: minLength === 1 ? `${name} empty` : `${name} shorter than ${minLength}`, value: 'x'.repeat(minLength - 1) });
  if (isText && typeof maxLength === 'number' && maxLength < MAX_PROBE_LENGTH) out.push({ kind: 'too-long', what: `${name} longer than ${maxLength}`, value: 'x'.repeat(maxLength + 1) });
  const numeric = (n: number) => (textOnly ? String(n) : n);
  const step = types.includes('integer') ? 1 : 0.5;
  if (typeof minimum === 'number') out.push({ kind: 'below-minimum', what: `${name} below its minimum ${minimum}`, value: numeric(minimum - step) });
  if (typeof exclusiveMinimum === 'number') out.push({ kind: 'below-minimum', what: `${name} at its exclusive minimum ${exclusiveMinimum}`, value: numeric(exclusiveMinimum) });
  if (typeof maximum === 'number') out.push({ kind: 'above-maximum', what: `${name} above its maximum ${maximum}`, value: numeric(maximum + step) });
  if (typeof exclusiveMaximum === 'number') out.push({ kind: 'above-maximum', what: `${name} at its exclusive maximum ${exclusiveMaximum}`, value: numeric(exclusiveMaximum) });
  if (Array.isArray(schema['enum'])) {
    const miss = `not_${String(schema['enum'][0])}`;
    out.push({ kind: 'not-in-enum', what: `${name} not one of ${schema['enum'].map(String).join(', ')}`, value: miss });
  }
  if (schema['const'] !== undefined) out.push({ kind: 'not-const', what: `${name} not ${JSON.stringify(schema['const'])}`, value: `not_${String(schema['const'])}` });
  if (typeof pattern === 'string') {
    const regex = safeRegExp(pattern);
    const fits = (s: string) => (typeof minLength !== 'number' || s.length >= minLength) && (typeof maxLength !== 'number' || s.length <= maxLength);
    const breaking = regex && PATTERN_CANDIDATES.find((candidate) => fits(candidate) && !regex.test(candidate));
    if (breaking) out.push({ kind: 'pattern', what: `${name} not matching ${pattern} (${JSON.stringify(breaking)})`, value: breaking });
  }
  if (!textOnly && types.includes('object')) {
    if (schema['additionalProperties'] === false) out.push({ kind: 'unknown-field', what: `${name} with an unknown field verify_unknown_field`, value: { verify_unknown_field: 'verify' } });
    if (typeof schema['minProperties'] === 'number' && schema['minProperties'] > 0) out.push({ kind: 'too-few-fields', what: `${name} with no field`, value: {} });
  }
  return out;
}

/** A value of a type the schema does not allow, or undefined when it allows them all. */
function otherTypeValue(types: readonly string[]): unknown {
  if (types.length === 0) return undefined;
  if (!types.includes('integer') && !types.includes('number')) return 12345;
  if (!types.includes('string')) return 'ten';
  if (!types.includes('boolean')) return true;
  return undefined;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
