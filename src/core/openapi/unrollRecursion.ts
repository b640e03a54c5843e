import { ConfigError } from '../errors/ConfigError.js';
import type { JsonSchema } from './compileContract.js';
import { refTarget } from './dereferenceLocal.js';
import type { SpecDocument } from './SpecDocument.js';

/** How many times a generated value goes down a recursive reference before it ends. */
export const RECURSION_DEPTH = 3;

/** Keywords whose value is one schema, or a map or list of schemas. */
const ONE = ['items', 'additionalProperties', 'contains', 'not', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

const unrolled = new WeakMap<JsonSchema, JsonSchema>();
const recursive = new WeakMap<JsonSchema, boolean>();

/**
 * A finite copy of a schema to generate values from: each recursive reference is followed
 * RECURSION_DEPTH times, then replaced by the smallest value shape its target allows (required
 * properties only, arrays at their `minItems`, a branch that ends; see `ending`). Every value
 * of the copy is valid for the original. Schemas without recursion come back as they are.
 */
export function unrollRecursion(schema: JsonSchema): JsonSchema {
  if (!hasReference(schema)) return schema;
  let out = unrolled.get(schema);
  if (!out) unrolled.set(schema, (out = unroll(schema, 0)));
  return out;
}

/** Every recursive schema of the document must allow a finite value; else one line naming it. */
export function checkRecursion(spec: SpecDocument): void {
  for (const [ref, target] of spec.cycles) {
    if (ending(target, new Set()) === undefined) {
      throw new ConfigError(
        `${spec.path}: the recursive schema ${ref.slice(2).replace(/\//g, '.')} has no finite value: each one must contain another (a required property, or minItems, that leads back to it)`,
      );
    }
  }
}

function unroll(node: JsonSchema, depth: number): JsonSchema {
  const target = refTarget(node);
  if (target) {
    const { $ref: _ref, ...siblings } = node;
    const next = depth < RECURSION_DEPTH ? unroll(target, depth + 1) : (ending(node, new Set()) ?? {});
    return Object.keys(siblings).length === 0 ? next : { allOf: [siblings, next] };
  }
  return mapChildren(node, (child) => unroll(child, depth));
}

/**
 * The smallest shape of `node` that ends without another recursive reference, or undefined
 * when there is none: only required properties, arrays kept at their minItems (none when 0),
 * for oneOf/anyOf the first branch that ends. `open` holds the targets being ended, to catch a
 * cycle that cannot end.
 */
function ending(node: JsonSchema, open: Set<JsonSchema>): JsonSchema | undefined {
  const target = refTarget(node);
  if (target) {
    if (open.has(target)) return undefined;
    open.add(target);
    const end = ending(target, open);
    open.delete(target);
    return end;
  }
  const out: JsonSchema = { ...node };
  // Other places a reference may hide only widen or narrow what is allowed: left out here.
  for (const key of [...ONE, ...MAP, 'prefixItems']) {
    if (key !== 'items' && key !== 'properties' && hidesReference(key, node[key])) delete out[key];
  }
  for (const key of ['oneOf', 'anyOf']) {
    if (!Array.isArray(node[key])) continue;
    const branch = (node[key] as JsonSchema[]).map((b) => (isSchema(b) ? ending(b, open) : b)).find((b) => b !== undefined);
    if (branch === undefined) return undefined;
    out[key] = [branch];
  }
  if (Array.isArray(node['allOf'])) {
    const branches = (node['allOf'] as unknown[]).map((b) => (isSchema(b) ? ending(b, open) : b));
    if (branches.includes(undefined)) return undefined;
    out['allOf'] = branches;
  }
  if (isSchema(node['properties'])) {
    const required = new Set(Array.isArray(node['required']) ? node['required'] : []);
    const kept: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(node['properties'])) {
      if (!required.has(name)) continue;
      const end = isSchema(child) ? ending(child, open) : child;
      if (end === undefined) return undefined;
      kept[name] = end;
    }
    out['properties'] = kept;
  }
  if (isSchema(node['items'])) {
    const minItems = typeof node['minItems'] === 'number' ? node['minItems'] : 0;
    out['maxItems'] = minItems;
    if (minItems > 0) {
      const end = ending(node['items'], open);
      if (end === undefined) return undefined;
      out['items'] = end;
    } else {
      delete out['items'];
    }
  }
  return out;
}

function mapChildren(node: JsonSchema, map: (child: JsonSchema) => JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  for (const key of ONE) if (isSchema(node[key])) out[key] = map(node[key]);
  for (const key of MAP) {
    const children = node[key];
    if (isSchema(children)) out[key] = Object.fromEntries(Object.entries(children).map(([k, c]) => [k, isSchema(c) ? map(c) : c]));
  }
  for (const key of LIST) {
    const children = node[key];
    if (Array.isArray(children)) out[key] = children.map((c: unknown) => (isSchema(c) ? map(c) : c));
  }
  return out;
}

/** Whether a recursive reference is reachable from the schema (remembered per schema object). */
function hasReference(node: JsonSchema): boolean {
  const known = recursive.get(node);
  if (known !== undefined) return known;
  recursive.set(node, false); // the document is a tree but for kept references: no loop here
  let found = refTarget(node) !== undefined;
  if (!found) mapChildren(node, (child) => ((found ||= hasReference(child)), child));
  recursive.set(node, found);
  return found;
}

/** Whether the value of keyword `key` (a schema, a map or a list of them) leads to a recursive reference. */
function hidesReference(key: string, value: unknown): boolean {
  const children = MAP.includes(key) && isSchema(value) ? Object.values(value) : Array.isArray(value) ? value : [value];
  return children.some((child) => isSchema(child) && hasReference(child));
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
