import { errors } from '../errors/catalog.js';
import { describeError, type ParameterRule } from './compileContract.js';

export type ParameterValues = Record<string, unknown>;

/**
 * Reads the query parameters an operation declares (and its path parameters, when given):
 * coerces each raw string by its schema type, fills spec defaults, and validates. The first bad
 * parameter throws a 400 MockError naming it, with the gateway's wording where it has one.
 */
export function readParameters(
  rules: readonly ParameterRule[],
  query: URLSearchParams,
  path?: Readonly<Record<string, unknown>>,
): ParameterValues {
  const values: ParameterValues = {};
  for (const rule of rules) {
    if (rule.in === 'path' && path) {
      const text = String(path[rule.name] ?? '');
      const value = coerce(text, rule.schema['type']);
      if (value === undefined || !rule.validate(value)) throw errors.invalidParameter(rule.name, reason(rule, value));
      values[rule.name] = value;
      continue;
    }
    if (rule.in !== 'query') continue;
    const raw = query.getAll(rule.name);
    if (raw.length > 1) throw errors.repeatedParameter(rule.name);
    const text = raw[0];
    if (text === undefined || (text === '' && rule.required)) {
      if (rule.required) throw errors.missingParameter(rule.name);
      if (rule.schema['default'] !== undefined) values[rule.name] = rule.schema['default'];
      continue;
    }
    const value = coerce(text, rule.schema['type']);
    if (value === undefined || !rule.validate(value)) {
      throw errors.invalidParameter(rule.name, reason(rule, value));
    }
    values[rule.name] = value;
  }
  return values;
}

function coerce(text: string, type: unknown): unknown {
  switch (type) {
    case 'integer':
      return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    default:
      return text;
  }
}

function reason(rule: ParameterRule, value: unknown): string {
  if (value === undefined) return `must be ${article(String(rule.schema['type']))}`;
  const error = rule.validate.errors?.[0];
  return error ? describeError(error) : 'is not valid';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
