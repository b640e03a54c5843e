import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

export type JsonSchema = Record<string, unknown>;

/**
 * How a value travels: a JSON body, a multipart form (every field text, files apart), or a URL
 * parameter (text, typed by its schema when read). What can be broken depends on it: a form
 * field or a query parameter of type string cannot have a wrong type.
 */
export type Mode = 'json' | 'form' | 'param';

/** An uploaded file in a multipart body; the schema judges it as a string (its name). */
export class FileValue {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array = new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  ) {}
}

/** A value that breaks exactly one constraint of its schema. */
export interface Broken {
  /** The broken keyword: `required`, `pattern`, `maximum`, `type`, ..., or `file` (text sent for a file). */
  keyword: string;
  value: unknown;
  /** Where it is broken, as a dotted path of properties; empty at the root. */
  at: string[];
}

/** Keywords that constrain nothing, and the structural ones the walk below handles itself. */
const NOT_CONSTRAINTS = new Set(['description', 'title', 'examples', 'example', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'properties']);
const UNEXPECTED = 'unexpected_field';

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('binary', true);

/**
 * Every constraint of `schema`, each broken once and alone: a candidate counts only when the
 * schema, judged with every error reported, finds exactly that one problem where it was made.
 * A keyword the walk does not know fails loudly, so a new kind of constraint in the spec cannot
 * go untested unnoticed.
 */
export function brokenValues(schema: JsonSchema, mode: Mode, where: string): Broken[] {
  const validate = ajv.compile(schema);
  const judged = (value: unknown) => (validate(asJudged(value)) ? [] : (validate.errors ?? []));
  const out: Broken[] = [];
  const byTarget = new Map<string, Broken[]>();
  for (const candidate of candidates(schema, mode, [], where)) {
    const key = `${candidate.at.join('.')}:${candidate.keyword}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), candidate]);
  }
  for (const [key, tries] of byTarget) {
    // A file sent as text is still a string to the schema: only the server's form reader tells them apart.
    const found = tries.find((t) => t.keyword === 'file' || isExactly(judged(t.value), t));
    if (!found) throw new Error(`${where}: no value breaks ${key} alone (tried ${tries.map((t) => JSON.stringify(t.value)).join(', ')})`);
    out.push(found);
  }
  return out;
}

/** A value that satisfies `schema`, made from its examples, default, enum or bounds. */
export function validValue(schema: JsonSchema, mode: Mode, include: readonly string[] = []): unknown {
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  for (const key of ['example', 'default', 'const']) if (schema[key] !== undefined) return schema[key];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if (mode === 'form' && isFile(schema)) return new FileValue('reference.png');
  switch (typeOf(schema)) {
    case 'object':
      return validObject(schema, mode, include);
    case 'integer':
    case 'number':
      return num(schema['minimum']) ?? (num(schema['exclusiveMinimum']) ?? 0) + 1;
    case 'boolean':
      return true;
    default:
      return 'x'.repeat(Math.max(1, num(schema['minLength']) ?? 1));
  }
}

function validObject(schema: JsonSchema, mode: Mode, include: readonly string[]): Record<string, unknown> {
  const properties = propertiesOf(schema);
  const names = [...new Set([...requiredOf(schema), ...include])];
  for (const name of Object.keys(properties)) {
    if (names.length >= (num(schema['minProperties']) ?? 0)) break;
    if (!names.includes(name)) names.push(name);
  }
  return Object.fromEntries(names.map((name) => [name, validValue(properties[name] ?? {}, mode)]));
}

function candidates(schema: JsonSchema, mode: Mode, at: string[], where: string): Broken[] {
  const out: Broken[] = [];
  const add = (keyword: string, ...values: unknown[]) => out.push(...values.map((value) => ({ keyword, value, at })));
  const type = typeOf(schema);
  for (const [keyword, limit] of Object.entries(schema)) {
    if (NOT_CONSTRAINTS.has(keyword) || keyword.startsWith('x-')) continue;
    switch (keyword) {
      case 'type':
        if (mode === 'json') add('type', type === 'string' ? 42 : type === 'object' ? 'not an object' : 'text');
        else if (type !== 'string' && type !== 'object') add('type', 'text');
        break;
      case 'format':
      case 'contentMediaType':
        if (!isFile(schema)) throw new Error(`${where}: no case generator for format ${String(limit)}`);
        if (mode === 'form') add('file', 'text where a file belongs');
        break;
      case 'required':
        for (const name of requiredOf(schema)) {
          const { [name]: _left, ...rest } = validObject(schema, mode, []);
          out.push({ keyword, value: rest, at: [...at, name] });
        }
        break;
      case 'additionalProperties':
        if (limit === false) {
          // With the required fields only first: filling minProperties could break maxProperties too.
          for (const base of [requiredOnly(schema, mode), validObject(schema, mode, [])]) {
            out.push({ keyword, value: { ...base, [UNEXPECTED]: 'x' }, at: [...at, UNEXPECTED] });
          }
        } else if (limit !== true) throw new Error(`${where}: no case generator for a schema of additionalProperties`);
        break;
      case 'minProperties':
        add(keyword, objectOfSize(schema, mode, Number(limit) - 1));
        break;
      case 'maxProperties':
        add(keyword, objectOfSize(schema, mode, Number(limit) + 1));
        break;
      case 'minLength':
        if (Number(limit) > 0) add(keyword, 'x'.repeat(Number(limit) - 1));
        break;
      case 'maxLength':
        add(keyword, 'x'.repeat(Number(limit) + 1), `${String(validValue(schema, mode))}${'x'.repeat(Number(limit))}`);
        break;
      case 'pattern':
        add(keyword, 'x', '-', 'x x', '0', ':', '/', 'x:', 'x/', 'x-x', '');
        break;
      case 'enum':
      case 'const':
        add(keyword, ...(type === 'integer' || type === 'number' ? [-987654321] : ['not-one-of-these']));
        break;
      case 'minimum':
        add(keyword, Number(limit) - 1);
        break;
      case 'maximum':
        add(keyword, Number(limit) + 1);
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        add(keyword, Number(limit));
        break;
      default:
        throw new Error(`${where}: no case generator for keyword ${keyword}`);
    }
  }
  for (const [name, child] of Object.entries(propertiesOf(schema))) {
    const base = validObject(schema, mode, [name]);
    for (const broken of candidates(child, mode, [...at, name], `${where}.${name}`)) {
      out.push({ ...broken, value: { ...base, [name]: broken.value } });
    }
  }
  return out;
}

function requiredOnly(schema: JsonSchema, mode: Mode): Record<string, unknown> {
  const properties = propertiesOf(schema);
  return Object.fromEntries(requiredOf(schema).map((name) => [name, validValue(properties[name] ?? {}, mode)]));
}

/** An object with `size` properties: required ones first, then optional ones, then unknown ones. */
function objectOfSize(schema: JsonSchema, mode: Mode, size: number): Record<string, unknown> {
  const properties = propertiesOf(schema);
  const names = [...new Set([...requiredOf(schema), ...Object.keys(properties)])].slice(0, Math.max(0, size));
  const value = Object.fromEntries(names.map((name) => [name, validValue(properties[name] ?? {}, mode)]));
  for (let extra = 0; Object.keys(value).length < size; extra++) value[`extra_${extra}`] = 'x';
  return value;
}

/** Exactly one problem, of this keyword, at this place. */
function isExactly(errors: readonly ErrorObject[], broken: Broken): boolean {
  const error = errors[0];
  return errors.length === 1 && error !== undefined && error.keyword === broken.keyword && locationOf(error) === broken.at.join('.');
}

/** Where an ajv error is, named as the mock names a field: `input_reference.image_url`, '' at the root. */
export function locationOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params['missingProperty']));
  if (error.keyword === 'additionalProperties') path.push(String(error.params['additionalProperty']));
  return path.join('.');
}

/** A form's files are judged by their names, as the server judges them. */
export function asJudged(value: unknown): unknown {
  if (value instanceof FileValue) return value.name;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v instanceof FileValue ? v.name : v]));
}

/** A checker for values of `schema` (files judged by name). */
export function validator(schema: JsonSchema): (value: unknown) => boolean {
  const validate = ajv.compile(schema);
  return (value) => validate(asJudged(value));
}

export function isFile(schema: JsonSchema): boolean {
  return schema['format'] === 'binary' || schema['contentMediaType'] !== undefined;
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema['type'];
  return Array.isArray(type) ? (type.find((t) => t !== 'null') as string | undefined) : (type as string | undefined);
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema['properties'] ?? {}) as Record<string, JsonSchema>;
}

function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
