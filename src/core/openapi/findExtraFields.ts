import type { JsonSchema } from './compileContract.js';

/** A property of a response schema that the domain generator does not write. */
export interface FieldSlot {
  /** Where the objects that carry it are, from the body: property names, `*` for array items. */
  at: readonly string[];
  name: string;
  schema: JsonSchema;
  /** Required fields are always filled when absent; optional ones at a seeded rate. */
  required: boolean;
}

const MAX_DEPTH = 12;

/**
 * Compares a response schema of the spec being served with the same response in the bundled
 * spec, which the domain generator is written to. Every property the bundled schema lacks, at
 * any depth, is a slot; so is a property the served spec makes required where the bundled one
 * does not (the generator may omit it). The bundled spec against itself has no slots.
 */
export function findExtraFields(served: JsonSchema, known: JsonSchema | undefined): FieldSlot[] {
  const slots: FieldSlot[] = [];
  const walk = (node: JsonSchema, knownNode: JsonSchema | undefined, at: string[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    const shape = objectShape(node);
    const knownShape = knownNode ? objectShape(knownNode) : { properties: new Map<string, JsonSchema>(), required: new Set<string>() };
    for (const [name, schema] of shape.properties) {
      const knownSchema = knownShape.properties.get(name);
      const required = shape.required.has(name);
      if (!knownSchema) {
        slots.push({ at, name, schema, required });
        continue;
      }
      if (required && !knownShape.required.has(name)) slots.push({ at, name, schema, required });
      walk(schema, knownSchema, [...at, name], depth + 1);
    }
    for (const items of arrayItems(node)) {
      walk(items, knownNode ? arrayItems(knownNode)[0] : undefined, [...at, '*'], depth + 1);
    }
  };
  walk(served, known, [], 0);
  return slots;
}

interface ObjectShape {
  properties: Map<string, JsonSchema>;
  required: Set<string>;
}

/** Properties and required names of a schema, its allOf/oneOf/anyOf branches included. */
function objectShape(node: JsonSchema, depth = 0): ObjectShape {
  const shape: ObjectShape = { properties: new Map(), required: new Set() };
  if (depth > MAX_DEPTH) return shape;
  const properties = node['properties'];
  if (isSchema(properties)) {
    for (const [name, schema] of Object.entries(properties)) if (isSchema(schema)) shape.properties.set(name, schema);
  }
  if (Array.isArray(node['required'])) for (const name of node['required']) shape.required.add(String(name));
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      if (!isSchema(branch)) continue;
      const inner = objectShape(branch, depth + 1);
      for (const [name, schema] of inner.properties) if (!shape.properties.has(name)) shape.properties.set(name, schema);
      // A oneOf/anyOf branch's required names bind only the values of that branch; filling
      // them on every object of the place is what keeps those values valid.
      for (const name of inner.required) shape.required.add(name);
    }
  }
  return shape;
}

function arrayItems(node: JsonSchema, depth = 0): JsonSchema[] {
  if (depth > MAX_DEPTH) return [];
  const found: JsonSchema[] = isSchema(node['items']) ? [node['items']] : [];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const b of branches) if (isSchema(b)) found.push(...arrayItems(b, depth + 1));
  }
  return found;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
