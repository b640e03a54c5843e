import type { OpenAPIV3_1 } from 'openapi-types';
import type { Contract, JsonSchema, OperationContract } from '../core/openapi/compileContract.js';
import { violationsOf } from './violations.js';

/** One request the spec forbids for one reason, and the field its 4xx must name. */
export interface ForbiddenRequest {
  /** `requests.<field>-<kind>`. */
  name: string;
  /** `<operationId>[ (<media type>)]: <what is wrong>`. */
  scope: string;
  field: string;
  /** Path parameters, query and body to send (the valid ones with one thing broken). */
  path: Record<string, string>;
  query: Record<string, string>;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
}

/**
 * For each path and query parameter of the operation, each value its schema forbids, the other
 * parameters valid. A value the parameter's own validator accepts is dropped: only what the
 * spec really forbids is sent.
 */
export function forbiddenParameters(operation: OperationContract, valid: { path: Record<string, string>; query: Record<string, string> }): ForbiddenRequest[] {
  const out: ForbiddenRequest[] = [];
  for (const rule of operation.parameters) {
    if (rule.in !== 'path' && rule.in !== 'query') continue;
    const cases = violationsOf(rule.name, rule.schema, { textOnly: true }).filter(
      // An empty path segment is another route, not this parameter empty.
      (v) => !(rule.in === 'path' && v.value === '') && !rule.validate(coerceText(String(v.value), rule.schema)),
    );
    for (const v of cases) {
      const path = rule.in === 'path' ? { ...valid.path, [rule.name]: String(v.value) } : valid.path;
      const query = rule.in === 'query' ? { ...valid.query, [rule.name]: String(v.value) } : valid.query;
      out.push({ name: `requests.${rule.name}-${v.kind}`, scope: `${operation.operationId}: ${v.what}`, field: rule.name, path, query });
    }
    if (rule.in === 'query' && rule.required) {
      const { [rule.name]: _missing, ...query } = valid.query;
      out.push({ name: `requests.${rule.name}-missing`, scope: `${operation.operationId}: ${rule.name} missing`, field: rule.name, path: valid.path, query });
    }
  }
  return out;
}

/**
 * For each media type of the operation's request body, the valid `base` with one thing broken:
 * each required field missing, each field given a value its schema forbids (wrong type, out of
 * range, not in the enum, not matching the pattern, an unknown field where the schema is closed).
 * Each is confirmed forbidden by the spec's own validator before it is kept.
 */
export function forbiddenBodies(contract: Contract, operation: OperationContract, base: Record<string, unknown>, path: Record<string, string>): ForbiddenRequest[] {
  const body = operation.requestBody;
  if (!body) return [];
  const out: ForbiddenRequest[] = [];
  for (const mediaType of body.mediaTypes) {
    const form = mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded';
    if (!form && !/json/.test(mediaType)) continue;
    const schema = bodySchema(contract, operation, mediaType);
    const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
    const files = body.fileFields(mediaType);
    const valid = Object.fromEntries(Object.entries(base).filter(([name]) => name in properties || schema['additionalProperties'] !== false));
    const refused = (fields: Record<string, unknown>) =>
      form ? body.validate(mediaType, body.fromForm(mediaType, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [asText(v)]])))) : body.validate(mediaType, fields);
    if (refused(valid)) continue; // the base itself is refused: reported by the check of allowed requests
    const push = (field: string, kind: string, what: string, fields: Record<string, unknown>) => {
      if (!refused(fields)) return;
      const scope = `${operation.operationId} (${mediaType}): ${what}`;
      const sent = form ? { form: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, asText(v)])) } : { json: fields };
      out.push({ name: `requests.${field}-${kind}`, scope, field, path, query: {}, ...sent });
    };
    for (const field of requiredOf(schema)) {
      const { [field]: _gone, ...rest } = valid;
      push(field, 'missing', `${field} missing`, rest);
    }
    for (const [field, fieldSchema] of Object.entries(properties)) {
      if (files.has(field)) continue;
      for (const v of violationsOf(field, fieldSchema, { textOnly: form })) push(field, v.kind, v.what, { ...valid, [field]: v.value });
    }
    if (schema['additionalProperties'] === false) push('verify_unknown_field', 'unknown-field', 'an unknown field verify_unknown_field', { ...valid, verify_unknown_field: 'verify' });
  }
  return out;
}

/** The request body's schema for a media type, its `allOf` parts merged (properties and required). */
export function bodySchema(contract: Contract, operation: OperationContract, mediaType: string): JsonSchema {
  const item = contract.spec.document.paths?.[operation.path] as Record<string, OpenAPIV3_1.OperationObject> | undefined;
  const requestBody = item?.[operation.method.toLowerCase()]?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  const schema = (requestBody?.content?.[mediaType]?.schema ?? {}) as JsonSchema;
  const parts = [schema, ...((schema['allOf'] ?? []) as JsonSchema[])];
  return {
    ...schema,
    properties: Object.assign({}, ...parts.map((part) => part['properties'] ?? {})) as Record<string, JsonSchema>,
    required: [...new Set(parts.flatMap((part) => (part['required'] ?? []) as string[]))],
  };
}

export function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema['required']) ? schema['required'].map(String) : [];
}

/** A form field's text: strings as they are, anything else as JSON (as fromForm reads objects back). */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A parameter arrives as text; its schema may want a number. */
function coerceText(text: string, schema: JsonSchema): unknown {
  const types = [schema['type']].flat();
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}
