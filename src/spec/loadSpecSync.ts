import { readFileSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors/ConfigError.js';
import type { LoadedSpec } from './loadSpec.js';

/**
 * loadSpec without the wait, for synchronous helpers (`validateResponse`, and modules that
 * `require()` of ESM can load: no top-level await). It reads and dereferences the document's
 * own `$ref`s but does not check it against the OpenAPI schema; the server's loadSpec does.
 */
export function loadSpecSync(path: string): LoadedSpec {
  const fail = (problem: string): never => {
    throw new ConfigError(`${path}: ${problem}`);
  };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code ? `cannot read the spec (${code})` : `not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const version = (raw as { openapi?: unknown } | null)?.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    fail(`expected an OpenAPI 3.1 document, found openapi: ${JSON.stringify(version ?? null)}`);
  }
  return { path, document: dereferenceLocal(raw, fail) as OpenAPIV3_1.Document };
}

/** Replaces every `#/...` reference by its target (shared, not copied); refuses cycles and other files. */
function dereferenceLocal(root: unknown, fail: (problem: string) => never): unknown {
  const done = new Map<string, unknown>();
  const open = new Set<string>();
  const resolve = (ref: string): unknown => {
    if (done.has(ref)) return done.get(ref);
    if (!ref.startsWith('#/')) fail(`cannot resolve $ref ${ref}: only references inside the document are supported`);
    if (open.has(ref)) fail(`cannot resolve $ref ${ref}: it refers to itself`);
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
    const target = resolve($ref);
    // OpenAPI 3.1 allows siblings next to $ref (a description, say): they win.
    return entries.length === 0 ? target : { ...(target as object), ...Object.fromEntries(entries) };
  };
  return walk(root);
}
