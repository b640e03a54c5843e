import type { JsonSchema } from './compileContract.js';

const MAX_DEPTH = 16;
const fakerInside = new WeakMap<object, boolean>();

/**
 * json-schema-faker ignores `x-faker` inside oneOf/anyOf/allOf branches. For a schema with
 * such a branch, this picks one oneOf/anyOf branch (with `random`) and merges allOf branches
 * into their parent, so the library sees plain schemas whose `x-faker` it honours. Schemas
 * without `x-faker` come back as they are.
 */
export function resolveCompositions(schema: JsonSchema, random: () => number): JsonSchema {
  return containsFaker(schema, 0) ? resolve(schema, random, 0) : schema;
}

function resolve(node: JsonSchema, random: () => number, depth: number): JsonSchema {
  if (depth > MAX_DEPTH || !containsFaker(node, 0)) return node;
  let current: JsonSchema = node;
  for (;;) {
    const { allOf, oneOf, anyOf, ...rest } = current;
    if (Array.isArray(allOf)) {
      current = (allOf as JsonSchema[]).reduce(merge, { ...rest, ...(oneOf !== undefined && { oneOf }), ...(anyOf !== undefined && { anyOf }) });
    } else if (Array.isArray(oneOf) || Array.isArray(anyOf)) {
      const branches = (oneOf ?? anyOf) as JsonSchema[];
      const other = Array.isArray(oneOf) && anyOf !== undefined ? { anyOf } : {};
      current = merge({ ...rest, ...other }, branches[Math.floor(random() * branches.length)] ?? {});
    } else {
      break;
    }
  }
  const out: JsonSchema = { ...current };
  if (isSchema(current['properties'])) {
    out['properties'] = Object.fromEntries(
      Object.entries(current['properties']).map(([name, child]) => [
        name,
        isSchema(child) ? resolve(child, random, depth + 1) : child,
      ]),
    );
  }
  if (isSchema(current['items'])) out['items'] = resolve(current['items'], random, depth + 1);
  return out;
}

function merge(into: JsonSchema, branch: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...into, ...branch };
  if (isSchema(into['properties']) || isSchema(branch['properties'])) {
    out['properties'] = { ...(into['properties'] as object), ...(branch['properties'] as object) };
  }
  const required = [...asStrings(into['required']), ...asStrings(branch['required'])];
  if (required.length > 0) out['required'] = [...new Set(required)];
  return out;
}

function containsFaker(node: unknown, depth: number): boolean {
  if (!isSchema(node) || depth > MAX_DEPTH) return false;
  const known = fakerInside.get(node);
  if (known !== undefined) return known;
  fakerInside.set(node, false); // a cycle reads as "not here"; the real answer follows
  const found =
    node['x-faker'] !== undefined ||
    Object.values(node).some((child) =>
      Array.isArray(child) ? child.some((c) => containsFaker(c, depth + 1)) : containsFaker(child, depth + 1),
    );
  fakerInside.set(node, found);
  return found;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
