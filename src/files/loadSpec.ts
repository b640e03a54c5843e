import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ConfigError } from '../core/errors/ConfigError.js';
import type { SpecDocument } from '../core/openapi/SpecDocument.js';
import { dereferenceLocal } from '../core/openapi/dereferenceLocal.js';
import { parseYaml } from './parseYaml.js';
import { VALIDATED_SPEC_SHA256 } from './validatedSpecDigest.js';

/** A spec read from disk: see core/openapi/SpecDocument. */
export type LoadedSpec = SpecDocument;

/**
 * Reads an OpenAPI 3.1 document (YAML or JSON), checks it against the OpenAPI schema (unless it
 * is the bundled document a test checked, see validatedSpecDigest) and dereferences it. Every
 * failure is a ConfigError whose one-line message names the file.
 */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  const fail = (problem: string): never => {
    throw new ConfigError(`${path}: ${problem}`);
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(`cannot read the spec (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both forms.
    raw = parseYaml(text);
  } catch (error) {
    fail(`not valid YAML or JSON: ${firstLine((error as Error).message)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('not an OpenAPI document (expected a mapping at the top level)');
  }
  const version = (raw as { openapi?: unknown }).openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    fail(`expected an OpenAPI 3.1 document, found openapi: ${JSON.stringify(version ?? null)}`);
  }
  const vetted = createHash('sha256').update(text).digest('hex') === VALIDATED_SPEC_SHA256;
  if (!vetted) {
    // Loaded only for a spec that needs the check: it is a tenth of a start to import.
    const { compileErrors, validate } = await import('@readme/openapi-parser');
    const result = await validate(structuredClone(raw) as OpenAPIV3_1.Document);
    if (!result.valid) {
      fail(`invalid OpenAPI document: ${oneLine(compileErrors(result))}`);
    }
  }
  const { document, cycles } = dereferenceLocal(raw, fail);
  return { path, text, document: document as OpenAPIV3_1.Document, cycles, ...(vetted && { vetted }) };
}

/** Loads the OpenAPI schema check, ahead of the first reload of an edited spec (the vetted one skips it). */
export async function prepareSpecChecks(): Promise<void> {
  await import('@readme/openapi-parser');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^OpenAPI schema validation failed/i.test(line))
    .join(' ')
    .slice(0, 500);
}
