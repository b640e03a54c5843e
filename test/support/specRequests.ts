import type { OpenAPIV3_1 } from 'openapi-types';
import { createSchemaSampler } from '../../src/core/openapi/sampleSchema.js';
import { englishLocale } from '../../src/core/random/englishLocale.js';
import type { LoadedSpec } from '../../src/files/loadSpec.js';
import { brokenValues, FileValue, isFile, validator, validValue, type JsonSchema, type Mode } from './brokenValues.js';

type Location = 'query' | 'path' | 'header';

/** A request to one operation, as plain data: typed values, encoded only when sent (toFetch). */
export interface SpecRequest {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/videos/{video_id}`. */
  path: string;
  params: Record<Location, Record<string, unknown>>;
  body?: { mediaType: string; value: unknown };
}

/** A request that breaks one constraint of the spec, and the parameter or field a 400 must name. */
export interface BrokenRequest {
  name: string;
  param: string;
  request: SpecRequest;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: Location; required: boolean; schema: JsonSchema }[];
  body?: { required: boolean; schemas: ReadonlyMap<string, JsonSchema> };
  /** The examples of the operation's 400 response, by name. */
  examples400: Readonly<Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of a loaded (dereferenced) spec, with what its requests may carry. */
export function specOperations(spec: LoadedSpec): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => {
        const parameter = p as OpenAPIV3_1.ParameterObject;
        if (!['query', 'path', 'header'].includes(parameter.in)) throw new Error(`${path}: parameters in ${parameter.in} are not covered`);
        return { name: parameter.name, in: parameter.in as Location, required: parameter.required === true, schema: (parameter.schema ?? {}) as JsonSchema };
      });
      const requestBody = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      const content = ((operation.responses?.['400'] ?? {}) as OpenAPIV3_1.ResponseObject).content?.['application/json'];
      const examples400 = Object.fromEntries(Object.entries(content?.examples ?? {}).map(([name, e]) => [name, (e as OpenAPIV3_1.ExampleObject).value as unknown]));
      out.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters,
        ...(requestBody && {
          body: {
            required: requestBody.required === true,
            schemas: new Map(Object.entries(requestBody.content ?? {}).map(([type, media]) => [type, (media.schema ?? {}) as JsonSchema])),
          },
        }),
        examples400,
      });
    }
  }
  return out;
}

/** The operation's smallest valid request: required parameters, and a body of this media type. */
export function baseRequest(op: SpecOperation, mediaType = op.body && [...op.body.schemas.keys()][0]): SpecRequest {
  const params: SpecRequest['params'] = { query: {}, path: {}, header: {} };
  for (const p of op.parameters) if (p.required) params[p.in][p.name] = validValue(p.schema, 'param');
  const schema = mediaType === undefined ? undefined : op.body?.schemas.get(mediaType);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    params,
    ...(schema && mediaType && { body: { mediaType, value: validValue(schema, modeOf(mediaType)) } }),
  };
}

/** Every constraint of the operation's parameters and bodies, each broken alone in an otherwise valid request. */
export function brokenRequests(op: SpecOperation): BrokenRequest[] {
  const out: BrokenRequest[] = [];
  const base = baseRequest(op);
  for (const p of op.parameters) {
    const where = `${op.operationId} ${p.in} parameter ${p.name}`;
    if (p.required && p.in !== 'path') {
      const { [p.name]: _left, ...rest } = base.params[p.in];
      out.push({ name: `${where} missing`, param: p.name, request: { ...base, params: { ...base.params, [p.in]: rest } } });
    }
    for (const broken of brokenValues(p.schema, 'param', where)) {
      // An empty path segment is another route, not an empty parameter.
      if (p.in === 'path' && broken.value === '') continue;
      const params = { ...base.params, [p.in]: { ...base.params[p.in], [p.name]: broken.value } };
      out.push({ name: `${where} breaks ${broken.keyword} (${preview(broken.value)})`, param: p.name, request: { ...base, params } });
    }
  }
  if (!op.body) return out;
  if (op.body.required) {
    const { body: _left, ...noBody } = base;
    out.push({ name: `${op.operationId} without a body`, param: 'body', request: noBody });
  }
  for (const [mediaType, schema] of op.body.schemas) {
    const request = baseRequest(op, mediaType);
    for (const broken of brokenValues(schema, modeOf(mediaType), `${op.operationId} ${mediaType}`)) {
      const field = broken.at.join('.') || 'body';
      out.push({
        name: `${op.operationId} ${mediaType}: ${field} breaks ${broken.keyword}`,
        param: field,
        request: { ...request, body: { mediaType, value: broken.value } },
      });
    }
  }
  return out;
}

/**
 * Valid requests drawn from the schemas with json-schema-faker (seeded): optional parameters
 * now and then, each media type in turn. Half draw from the schemas' examples and defaults
 * where they have some, half from the schemas alone. A draw the schema refuses is dropped (the sampler renders
 * some patterns loosely), so every request returned is one the spec allows.
 */
export function sampledRequests(op: SpecOperation, count: number, seed: number): SpecRequest[] {
  const sampler = createSchemaSampler(seed, undefined, () => englishLocale);
  const mediaTypes = op.body ? [...op.body.schemas.keys()] : [];
  const out: SpecRequest[] = [];
  for (let i = 0; i < count; i++) {
    const strip = i % 2 === 1 ? schemaAlone : (schema: JsonSchema) => schema;
    const draw = (schema: JsonSchema, key: string) => {
      const check = validator(schema);
      const value = sampler.sample(strip(schema), `${op.operationId}:${i}:${key}`, check);
      return check(value) ? { value } : undefined;
    };
    const params: SpecRequest['params'] = { query: {}, path: {}, header: {} };
    let valid = true;
    for (const p of op.parameters) {
      if (!p.required && sampler.chance(`${op.operationId}:${i}:${p.name}?`) < 0.5) continue;
      const drawn = draw(p.schema, p.name);
      if (drawn) params[p.in][p.name] = drawn.value;
      else valid = false;
    }
    const mediaType = mediaTypes[i % Math.max(1, mediaTypes.length)];
    const schema = mediaType === undefined ? undefined : op.body?.schemas.get(mediaType);
    let body: SpecRequest['body'];
    if (schema && mediaType) {
      const drawn = draw(schema, 'body');
      if (drawn) body = { mediaType, value: modeOf(mediaType) === 'form' ? withFiles(drawn.value, schema) : drawn.value };
      else valid = false;
    }
    if (valid) out.push({ operationId: op.operationId, method: op.method, path: op.path, params, ...(body && { body }) });
  }
  return out;
}

/** A SpecRequest as fetch arguments: parameters encoded as OpenAPI's defaults serialize them. */
export function toFetch(baseUrl: string, request: SpecRequest, headers: Record<string, string>): [string, RequestInit] {
  const path = request.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(request.params.path[name])));
  const query = new URLSearchParams(Object.entries(request.params.query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const sent: Record<string, string> = { ...headers };
  for (const [name, value] of Object.entries(request.params.header)) sent[name] = String(value);
  const init: RequestInit = { method: request.method, headers: sent };
  const body = request.body;
  if (body && modeOf(body.mediaType) === 'json') {
    sent['content-type'] = body.mediaType;
    init.body = JSON.stringify(body.value);
  } else if (body) {
    const form = new FormData();
    for (const [name, value] of Object.entries(body.value as Record<string, unknown>)) {
      if (value instanceof FileValue) form.append(name, new Blob([value.bytes]), value.name);
      else form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    init.body = form;
  }
  return [`${baseUrl}${path}${query ? `?${query}` : ''}`, init];
}

export function modeOf(mediaType: string): Mode {
  if (/[/+]json\b/.test(mediaType)) return 'json';
  if (mediaType === 'multipart/form-data') return 'form';
  throw new Error(`requests in ${mediaType} are not covered`);
}

/** A sampled form's file fields (drawn as strings) as uploads of those bytes. */
function withFiles(value: unknown, schema: JsonSchema): unknown {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, v]) => [
      name,
      isFile(properties[name] ?? {}) ? new FileValue('sample.bin', new TextEncoder().encode(String(v))) : v,
    ]),
  );
}

/** The schema alone: json-schema-faker takes examples and defaults first when they are there. */
function schemaAlone(schema: JsonSchema): JsonSchema {
  const { examples: _examples, default: _default, ...rest } = schema;
  const properties = rest['properties'] as Record<string, JsonSchema> | undefined;
  if (!properties) return rest;
  return { ...rest, properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, schemaAlone(v)])) };
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}
