import { loadAll } from 'js-yaml';

/** More aliases than any real spec holds; a "billion laughs" document needs many more. */
const MAX_ALIASES = 100;

/**
 * YAML 1.2 (core schema, so JSON too) to plain data, for the spec files. js-yaml, not the `yaml`
 * package the console uses: on a cold start it reads openapi.yaml in about 15 ms where `yaml`
 * took about 100 ms (its generator-based lexer runs interpreted until the JIT warms up), a
 * sixth of a start. An empty document is null. Throws on bad YAML, a duplicate key, more than
 * one document, or more than MAX_ALIASES aliases.
 */
export function parseYaml(text: string): unknown {
  const documents = loadAll(text, { maxAliases: MAX_ALIASES });
  if (documents.length > 1) throw new Error(`${documents.length} YAML documents in one file; a spec is one`);
  return documents[0] ?? null;
}
