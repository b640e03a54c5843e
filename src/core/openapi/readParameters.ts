import { errors } from '../errors/catalog.js';
import { describeError, type ParameterRule } from './compileContract.js';

export type ParameterValues = Record<string, unknown>;

/** Where an operation's parameters come from; each part only when the route has it. */
export interface ParameterSources {
  query: URLSearchParams;
  path?: Readonly<Record<string, unknown>>;
  header?: (name: string) => string | undefined;
}

/**
 * Reads the parameters an operation declares (query, and path and header ones when their source
 * is given): coerces each raw string by its schema type (arrays as OpenAPI serializes them),
 * fills spec defaults, and validates. The first bad parameter throws a 400 MockError naming it,
 * with the gateway's wording where it has one.
 */
export function readParameters(rules: readonly ParameterRule[], { query, path, header }: ParameterSources): ParameterValues {
  const values: ParameterValues = {};
  for (const rule of rules) {
    let raw: string[];
    if (rule.in === 'query') raw = query.getAll(rule.name);
    else if (rule.in === 'path' && path) raw = [String(path[rule.name] ?? '')];
    else if (rule.in === 'header' && header) {
      const value = header(rule.name.toLowerCase());
      raw = value === undefined ? [] : [value];
    }
    else continue;
    const isArray = rule.schema['type'] === 'array';
    if (raw.length > 1 && !(isArray && rule.explode)) throw errors.repeatedParameter(rule.name);
    if (raw.length === 0 || (raw.length === 1 && raw[0] === '' && rule.required)) {
      if (rule.required) throw errors.missingParameter(rule.name, rule.in);
      if (rule.schema['default'] !== undefined) values[rule.name] = rule.schema['default'];
      continue;
    }
    const value = isArray ? coerceArray(rule, raw) : coerce(raw[0]!, rule.schema['type']);
    if (value === undefined || !rule.validate(value)) {
      throw errors.invalidParameter(rule.name, reason(rule, value));
    }
    values[rule.name] = value;
  }
  return values;
}

/** Exploded: one item per occurrence; otherwise one comma-separated value. */
function coerceArray(rule: ParameterRule, raw: string[]): unknown[] | undefined {
  const texts = rule.explode && rule.in === 'query' ? raw : raw[0]!.split(',');
  const itemType = (rule.schema['items'] as Record<string, unknown> | undefined)?.['type'];
  const items = texts.map((text) => coerce(rule.in === 'header' ? text.trim() : text, itemType));
  return items.includes(undefined) ? undefined : items;
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
  if (value === undefined) {
    const items = rule.schema['type'] === 'array' ? (rule.schema['items'] as Record<string, unknown> | undefined)?.['type'] : undefined;
    return items !== undefined ? `every item must be ${article(String(items))}` : `must be ${article(String(rule.schema['type']))}`;
  }
  const error = rule.validate.errors?.[0];
  return error ? describeError(error) : 'is not valid';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
