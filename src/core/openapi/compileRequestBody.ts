import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { JsonSchema } from './compileContract.js';
import { describeError } from './compileContract.js';
import { REQUIRED_FIELD, UNKNOWN_FIELD } from './fieldReasons.js';

/** What is wrong with a request body: the field (a dotted path, or `body`) and why. */
export interface BodyProblem {
  field: string;
  reason: string;
}

export interface RequestBodyContract {
  required: boolean;
  /** Media types the operation accepts, as the spec writes them. */
  mediaTypes: readonly string[];
  /** Properties of a multipart body that are files (`format: binary` or `contentMediaType`). */
  fileFields(mediaType: string): ReadonlyMap<string, 'one' | 'many'>;
  /** Turns form fields (strings) into the JSON the schema describes, by each property's type. */
  fromForm(mediaType: string, fields: Readonly<Record<string, readonly string[]>>): Record<string, unknown>;
  /**
   * What fromForm would have to guess at: a field given more than once that the schema does not
   * make a list, or text sent where the schema wants a file upload.
   */
  formProblem(mediaType: string, fields: Readonly<Record<string, readonly string[]>>): BodyProblem | undefined;
  validate(mediaType: string, body: unknown): BodyProblem | undefined;
}

/** Compiles the validators of an operation's request body, one per media type. */
export function compileRequestBody(
  body: OpenAPIV3_1.RequestBodyObject,
  compile: (schema: JsonSchema, where: string) => ValidateFunction,
  where: string,
): RequestBodyContract {
  const schemas = new Map<string, JsonSchema>();
  const validators = new Map<string, ValidateFunction>();
  for (const [mediaType, media] of Object.entries(body.content ?? {})) {
    const schema = (media.schema ?? {}) as JsonSchema;
    schemas.set(mediaType, schema);
    validators.set(mediaType, compile(schema, `${where}.requestBody.content.${mediaType}`));
  }
  const propertiesOf = (mediaType: string) =>
    (schemas.get(mediaType)?.['properties'] ?? {}) as Record<string, JsonSchema>;
  return {
    required: body.required === true,
    mediaTypes: [...schemas.keys()],
    fileFields(mediaType) {
      const fields = new Map<string, 'one' | 'many'>();
      for (const [name, p] of Object.entries(propertiesOf(mediaType))) {
        if (isFile(p)) fields.set(name, 'one');
        else if (p['type'] === 'array' && isFile((p['items'] ?? {}) as JsonSchema)) fields.set(name, 'many');
      }
      return fields;
    },
    fromForm(mediaType, fields) {
      const properties = propertiesOf(mediaType);
      const out: Record<string, unknown> = {};
      for (const [name, values] of Object.entries(fields)) {
        const schema = properties[name] ?? {};
        out[name] =
          schema['type'] === 'array'
            ? values.map((v) => fromText(v, (schema['items'] ?? {}) as JsonSchema))
            : fromText(values[values.length - 1] ?? '', schema);
      }
      return out;
    },
    formProblem(mediaType, fields) {
      const properties = propertiesOf(mediaType);
      for (const [name, values] of Object.entries(fields)) {
        const schema = properties[name];
        if (!schema) continue;
        if (isFile(schema) || (schema['type'] === 'array' && isFile((schema['items'] ?? {}) as JsonSchema))) {
          return { field: name, reason: 'must be a file upload, not a text field' };
        }
        if (values.length > 1 && schema['type'] !== 'array') return { field: name, reason: 'must be given at most once' };
      }
      return undefined;
    },
    validate(mediaType, value) {
      const validate = validators.get(mediaType);
      if (!validate || validate(value)) return undefined;
      const error = validate.errors?.[0];
      return error ? problemOf(error) : { field: 'body', reason: 'is not valid' };
    },
  };
}

function isFile(schema: JsonSchema): boolean {
  return schema['format'] === 'binary' || schema['contentMediaType'] !== undefined;
}

/** A form field's text as its schema's type; text that does not fit stays text for ajv to refuse. */
function fromText(text: string, schema: JsonSchema): unknown {
  const type = Array.isArray(schema['type']) ? schema['type'].find((t) => t !== 'null') : schema['type'];
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (type === 'object' || type === 'array') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function problemOf(error: ErrorObject): BodyProblem {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty']);
    return { field: path ? `${path}.${missing}` : missing, reason: REQUIRED_FIELD };
  }
  if (error.keyword === 'additionalProperties') {
    // Named like a missing field: the dotted path of the field itself, not of its parent.
    const extra = String(error.params['additionalProperty']);
    return { field: path ? `${path}.${extra}` : extra, reason: UNKNOWN_FIELD };
  }
  return { field: path || 'body', reason: describeError(error) };
}
