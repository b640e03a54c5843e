import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const original = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'vjm-spec-'));

/** The bundled openapi.yaml as a fresh, mutable object (never shared between tests). */
export type SpecDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown> & { properties: Record<string, unknown>; required?: string[] }> };
};

export function bundledDocument(): SpecDocument {
  return parse(original) as SpecDocument;
}

/** Writes a copy of openapi.yaml with `edit` applied, as JSON in a temp folder; returns its path. */
export function writeSpecVariant(name: string, edit: (doc: SpecDocument) => void): string {
  const doc = bundledDocument();
  edit(doc);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

/**
 * The tests' own judge for a spec file (ajv resolving the `$ref`s itself, formats checked):
 * problems of a body against the response `status` of `method path`.
 */
export function judgeWith(specPath: string) {
  const doc = JSON.parse(readFileSync(specPath, 'utf8')) as SpecDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'variant');
  return (method: string, path: string, status: number, body: unknown): string[] => {
    const responses = (doc.paths[path]?.[method] as { responses?: Record<string, { $ref?: string }> } | undefined)?.responses;
    const key = responses?.[String(status)] ? String(status) : 'default';
    const response = responses?.[key];
    if (!response) return [`no response ${status} for ${method} ${path}`];
    const pointer = response.$ref
      ? `variant${response.$ref}/content/application~1json/schema`
      : `variant#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${key}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer);
    if (!validate) return [`cannot resolve ${pointer}`];
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}
