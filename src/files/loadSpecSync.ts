import { readFileSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ConfigError } from '../core/errors/ConfigError.js';
import { dereferenceLocal } from '../core/openapi/dereferenceLocal.js';
import type { LoadedSpec } from './loadSpec.js';
import { parseYaml } from './parseYaml.js';

/**
 * loadSpec without the wait, for synchronous helpers (`validateResponse`, and modules that
 * `require()` of ESM can load: no top-level await). It reads and dereferences the document's
 * own `$ref`s (as loadSpec does) but does not check it against the OpenAPI schema; the server's loadSpec does.
 */
export function loadSpecSync(path: string): LoadedSpec {
  const fail = (problem: string): never => {
    throw new ConfigError(`${path}: ${problem}`);
  };
  let raw: unknown;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
    raw = parseYaml(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code ? `cannot read the spec (${code})` : `not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const version = (raw as { openapi?: unknown } | null)?.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    fail(`expected an OpenAPI 3.1 document, found openapi: ${JSON.stringify(version ?? null)}`);
  }
  const { document, cycles } = dereferenceLocal(raw, fail);
  return { path, text, document: document as OpenAPIV3_1.Document, cycles };
}
