import type { OpenAPIV3_1 } from 'openapi-types';
import { ConfigError } from '../../core/errors/ConfigError.js';
import { dereferenceLocal } from '../../core/openapi/dereferenceLocal.js';
import type { SpecDocument } from '../../core/openapi/SpecDocument.js';

/**
 * An OpenAPI 3.1 document already parsed (from JSON, or YAML the caller read) as the core
 * takes it: dereferenced, references inside the document only. It is not checked against the
 * OpenAPI schema here (that parser is large): `video-jobs-mock verify` or the server does that.
 */
export function specFromObject(raw: unknown, where: string, text?: string): SpecDocument {
  const fail = (problem: string): never => {
    throw new ConfigError(`${where}: ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('not an OpenAPI document (expected an object)');
  const version = (raw as { openapi?: unknown }).openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    fail(`expected an OpenAPI 3.1 document, found openapi: ${JSON.stringify(version ?? null)}`);
  }
  const paths = (raw as { paths?: unknown }).paths;
  if (typeof paths !== 'object' || paths === null) fail('the document has no paths');
  const { document, cycles } = dereferenceLocal(raw, fail);
  return { path: where, text: text ?? JSON.stringify(raw), document: document as OpenAPIV3_1.Document, cycles };
}
