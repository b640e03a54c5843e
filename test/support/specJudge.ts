import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

/**
 * The tests' own reading of openapi.yaml, independent of the server's loader: ajv resolves
 * the document's `$ref`s itself. Every HTTP response a test sees is judged with it.
 */
interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
  components: { responses: Record<string, unknown> };
}

export const specDocument = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(specDocument as object, 'spec');

export function schemaProblems(status: number, body: unknown, path = '/v1/videos', method = 'get'): string[] {
  const responses = specDocument.paths[path]?.[method]?.responses;
  const key = responses?.[String(status)] ? String(status) : 'default';
  const response = responses?.[key];
  if (!response) return [`no response ${status} declared for ${method} ${path}`];
  const pointer = response.$ref
    ? `spec${response.$ref}/content/application~1json/schema`
    : `spec#/paths/${path.replace(/\//g, '~1')}/${method}/responses/${key}/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) return [`cannot resolve ${pointer}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export function errorSchemaProblems(body: unknown): string[] {
  const validate = ajv.getSchema('spec#/components/schemas/BifrostError');
  if (!validate) return ['cannot resolve BifrostError'];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
