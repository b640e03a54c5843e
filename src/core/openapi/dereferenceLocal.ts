import type { JsonSchema } from './compileContract.js';

const TARGET = Symbol('the schema a kept $ref points to');

export interface Dereferenced {
  document: unknown;
  /**
   * The references kept to close a cycle (`Node.children.items: {$ref: Node}`), by `$ref`, with
   * their targets. Empty for a document without recursive schemas.
   */
  cycles: ReadonlyMap<string, JsonSchema>;
}

/**
 * Replaces every `#/...` reference by its target (shared, not copied), so schemas can be read
 * and compiled directly. A reference that would close a cycle (a recursive schema, valid in
 * OpenAPI 3.1) stays a `{ $ref }` object instead, since the document would otherwise be
 * circular and blow the stack of whatever walks it; `refTarget` gives its target. References
 * to other files are refused.
 */
export function dereferenceLocal(root: unknown, fail: (problem: string) => never): Dereferenced {
  const done = new Map<string, unknown>();
  const open = new Set<string>();
  const cycles = new Map<string, JsonSchema>();
  const resolve = (ref: string): unknown => {
    if (done.has(ref)) return done.get(ref);
    if (!ref.startsWith('#/')) fail(`cannot resolve $ref ${ref}: only references inside the document are supported`);
    open.add(ref);
    let target: unknown = root;
    for (const token of ref.slice(2).split('/').map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'))) {
      target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[token] : undefined;
      if (target === undefined) fail(`cannot resolve $ref ${ref}`);
    }
    const resolved = walk(target);
    open.delete(ref);
    done.set(ref, resolved);
    return resolved;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const entries = Object.entries(rest).map(([key, value]) => [key, walk(value)] as const);
    if (typeof $ref !== 'string') return Object.fromEntries(entries);
    if (open.has($ref)) return keptReference($ref, Object.fromEntries(entries));
    const target = resolve($ref);
    // OpenAPI 3.1 allows siblings next to $ref (a description, say): they win.
    return entries.length === 0 ? target : { ...(target as object), ...Object.fromEntries(entries) };
  };
  const keptReference = (ref: string, siblings: Record<string, unknown>): JsonSchema => {
    const kept: JsonSchema = { $ref: ref, ...siblings };
    // Read once the whole document is done (the target is still being resolved now).
    Object.defineProperty(kept, TARGET, { get: () => done.get(ref), enumerable: false });
    cycles.set(ref, kept); // replaced by the target below
    return kept;
  };
  // Components are resolved by reference, so a named schema is one object wherever it is used.
  const { components, ...rest } = root as Record<string, unknown>;
  const document = walk(rest) as Record<string, unknown>;
  if (typeof components === 'object' && components !== null) {
    document['components'] = Object.fromEntries(
      Object.entries(components).map(([section, entries]) => [
        section,
        typeof entries === 'object' && entries !== null && !Array.isArray(entries)
          ? Object.fromEntries(Object.keys(entries).map((name) => [name, resolve(`#/components/${section}/${pointerToken(name)}`)]))
          : walk(entries),
      ]),
    );
  }
  for (const ref of cycles.keys()) cycles.set(ref, done.get(ref) as JsonSchema);
  return { document, cycles };
}

function pointerToken(name: string): string {
  return encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** The target of a `$ref` kept to close a cycle; undefined for any other schema. */
export function refTarget(schema: JsonSchema): JsonSchema | undefined {
  return (schema as { [TARGET]?: JsonSchema })[TARGET];
}
