import type { OpenAPIV3_1 } from 'openapi-types';
import type { JsonSchema } from './compileContract.js';

/**
 * An OpenAPI 3.1 document as the core takes it: already parsed and dereferenced, whoever read
 * it (files/loadSpec from disk, or a bundle made at build time for the browser).
 */
export interface SpecDocument {
  /** Where it came from, for messages: a file path, or a name such as `openapi.yaml (bundled)`. */
  path: string;
  /** The document's text as read (YAML or JSON): what `/__mock/openapi.yaml` shows. */
  text: string;
  /**
   * Dereferenced: schemas can be read and compiled directly. The only `$ref`s left close a cycle
   * (recursive schemas); `cycles` holds their targets by `$ref` (see dereferenceLocal).
   */
  document: OpenAPIV3_1.Document;
  cycles: ReadonlyMap<string, JsonSchema>;
  /**
   * The bundled document exactly as a test checked it (see files/validatedSpecDigest): its
   * schemas need no check against the JSON Schema meta-schema, and may be compiled when first used.
   */
  vetted?: boolean;
}
