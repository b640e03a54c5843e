import { wordlessFaker as faker } from '../random/createFaker.js';
import { ConfigError } from '../errors/ConfigError.js';
import type { SpecDocument } from './SpecDocument.js';

/** One `x-faker` of a spec: the method's dotted path and the arguments it is called with. */
export interface FakerCall {
  path: string;
  args: unknown[];
}

/**
 * Every `x-faker` in the document must name a faker method (`image.url`, or
 * `{ "number.int": [{ "min": 1 }] }` with arguments). json-schema-faker turns a wrong path into
 * a random string without a word, so a typo is a startup error here, naming where it is.
 * (Whether a method exists does not depend on the locale.) Returns every call found, for a
 * host to see which words they need.
 */
export function checkFakerPaths(spec: SpecDocument): FakerCall[] {
  // Compiling a spec checks it, and choosing faker's words reads the calls: one walk serves both.
  let calls = walked.get(spec);
  if (!calls) walked.set(spec, (calls = walkFakerPaths(spec)));
  return calls;
}

const walked = new WeakMap<SpecDocument, FakerCall[]>();

function walkFakerPaths(spec: SpecDocument): FakerCall[] {
  const calls: FakerCall[] = [];
  const seen = new WeakSet<object>();
  // The document is dereferenced: a named schema is the same object wherever it is used, and
  // is reported under its own name.
  const named = new Map<object, string>();
  for (const [name, schema] of Object.entries(spec.document.components?.schemas ?? {})) {
    if (typeof schema === 'object' && schema !== null) named.set(schema, `components.schemas.${name}`);
  }
  const visit = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    const name = named.get(node);
    if (name !== undefined && name !== where) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${where}.${i}`));
      return;
    }
    const record = node as Record<string, unknown>;
    if ('x-faker' in record) {
      const call = fakerCall(record['x-faker']);
      if (typeof call === 'string') throw new ConfigError(`${spec.path}: x-faker at ${where}: ${call}`);
      calls.push(call);
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'examples' && key !== 'example' && key !== 'default') visit(child, `${where}.${key}`);
    }
  };
  for (const [schema, name] of named) visit(schema, name);
  visit(spec.document.components, 'components');
  visit(spec.document.paths, 'paths');
  return calls;
}

/** The call an `x-faker` value names, or what is wrong with it. */
function fakerCall(value: unknown): FakerCall | string {
  let path: string;
  let args: unknown[] = [];
  if (typeof value === 'string') {
    path = value;
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1) {
    path = Object.keys(value)[0]!;
    const given = (value as Record<string, unknown>)[path];
    args = Array.isArray(given) ? given : [given];
  } else {
    return 'expected a faker method name such as image.url, or { "<method>": [arguments] }';
  }
  let target: unknown = faker;
  for (const part of path.split('.')) {
    target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[part] : undefined;
  }
  return typeof target === 'function' ? { path, args } : `"${path}" is not a faker method (e.g. image.url, internet.email)`;
}
