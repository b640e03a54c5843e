import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ConfigError } from '../errors/ConfigError.js';
import { compileFailure } from './compileFailure.js';
import { ajvInstances } from './ajvInstances.js';
import { compileOnFirstUse } from './compileOnFirstUse.js';
import { compileRequestBody, type RequestBodyContract } from './compileRequestBody.js';
import { registerCycles } from './registerCycles.js';
import type { SpecDocument } from './SpecDocument.js';

export type JsonSchema = Record<string, unknown>;

export interface ValidationResult {
  valid: boolean;
  /** Readable problems, each `<JSON path>: <message>`; empty when valid. */
  problems: string[];
}

export interface ParameterRule {
  name: string;
  in: string;
  required: boolean;
  /** An array parameter repeats (`?tag=a&tag=b`) rather than joining with commas (`?tag=a,b`). */
  explode: boolean;
  schema: JsonSchema;
  validate: ValidateFunction;
}

export interface OperationContract {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/v1/videos`. */
  path: string;
  parameters: readonly ParameterRule[];
  /** Response statuses the operation declares (`200`, `4XX`, `default`, ...). */
  statuses: readonly string[];
  /** The JSON schema of each declared response, by status as written. */
  responseSchemas: ReadonlyMap<string, JsonSchema>;
  /** The JSON example of each declared response that has one, by status as written. */
  responseExamples: ReadonlyMap<string, unknown>;
  /** The first 2xx response, what a schema-served operation answers. */
  success?: SuccessResponse;
  requestBody?: RequestBodyContract;
  /** false when the operation says `security: []`. */
  secured: boolean;
  /** Whether a response with this status has a schema (exact, `4XX` or `default`). */
  declares(status: number): boolean;
  validateResponse(status: number, body: unknown): ValidationResult;
  /** Whether the spec declares this status with this media type (for bodies that are not JSON). */
  validateMediaType(status: number, contentType: string): ValidationResult;
}

export interface SuccessResponse {
  status: number;
  /** `application/json` when offered, else the response's first media type; absent for a 204. */
  mediaType?: string;
  /** Absent when the response has no body (a 204). */
  schema?: JsonSchema;
  /** The media type's `example`, or its first `examples` value. */
  example?: unknown;
}

export interface Contract {
  spec: SpecDocument;
  operations: ReadonlyMap<string, OperationContract>;
  /** Judges error bodies sent outside any operation (unknown route, bad method). */
  validateErrorBody(body: unknown): ValidationResult;
  /** A compiled yes/no check for a schema of this document (to retry a sampled value). */
  compileCheck(schema: JsonSchema): (value: unknown) => boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Compiles every validator the server needs, once, from a dereferenced document.
 * Validators return values; nothing here throws after startup. A vetted spec (the bundled one,
 * which a test compiles in full) compiles each response's validator when it is first used: most
 * of the 76 responses of openapi.yaml are errors a run may never send, and compiling them all
 * was a third of a start.
 */
export function compileContract(spec: SpecDocument): Contract {
  const vetted = spec.vetted === true;
  const { fast: ajv, explainer } = ajvInstances(spec.document, !vetted);
  const withCycles = <T>(instance: Ajv2020, compileNow: () => T): T => {
    registerCycles(instance, spec);
    return compileNow();
  };
  withCycles(ajv, () => withCycles(explainer, () => undefined));
  const compile = (schema: JsonSchema, where: string): ValidateFunction => {
    try {
      return ajv.compile(schema);
    } catch (error) {
      throw compileFailure(spec.path, where, error);
    }
  };
  // Compiled later, after other contracts may have been: their cycles are registered again.
  const validator = (schema: JsonSchema, where: string): ValidateFunction =>
    vetted ? compileOnFirstUse(() => withCycles(ajv, () => compile(schema, where))) : compile(schema, where);

  const compileJudge = (schema: JsonSchema, where: string) => {
    const fast = validator(schema, where);
    let detailed: ValidateFunction | undefined;
    // Frozen bodies are immutable all the way down (see toJson): one that passed once passes
    // again, so the same cached page body is judged once, not once per response.
    const passed = new WeakSet<object>();
    return (body: unknown): ValidationResult => {
      const frozen = typeof body === 'object' && body !== null && Object.isFrozen(body);
      if ((frozen && passed.has(body)) || fast(body)) {
        if (frozen) passed.add(body);
        return { valid: true, problems: [] };
      }
      detailed ??= withCycles(explainer, () => explainer.compile(schema));
      detailed(body);
      return { valid: false, problems: describeErrors(detailed.errors ?? fast.errors ?? []) };
    };
  };

  const operations = new Map<string, OperationContract>();
  for (const [path, item] of Object.entries(spec.document.paths ?? {})) {
    if (!item) continue;
    for (const method of METHODS) {
      const operation = item[method] as OpenAPIV3_1.OperationObject | undefined;
      if (!operation) continue;
      const operationId = operation.operationId ?? `${method} ${path}`;
      const where = `paths.${path}.${method}`;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(
        (parameter) => {
          const p = parameter as OpenAPIV3_1.ParameterObject;
          const schema = (p.schema ?? {}) as JsonSchema;
          const validate = validator(schema, `${where}.parameters.${p.name}`);
          // OpenAPI's serialization defaults: form style (exploded) in the query, simple elsewhere.
          const explode = p.explode ?? (p.style ?? (p.in === 'query' ? 'form' : 'simple')) === 'form';
          return { name: p.name, in: p.in, required: p.required === true, explode, schema, validate };
        },
      );
      const judges = new Map<string, (body: unknown) => ValidationResult>();
      const responseSchemas = new Map<string, JsonSchema>();
      const responseExamples = new Map<string, unknown>();
      const mediaTypes = new Map<string, string[]>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = (response as OpenAPIV3_1.ResponseObject).content ?? {};
        mediaTypes.set(status, Object.keys(content));
        const schema = content['application/json']?.schema;
        if (schema) responseSchemas.set(status, schema as JsonSchema);
        const example = exampleOf(content['application/json']);
        if (example !== undefined) responseExamples.set(status, example);
        judges.set(status, compileJudge((schema ?? {}) as JsonSchema, `${where}.responses.${status}`));
      }
      const lookup = <T>(map: Map<string, T>, status: number) =>
        map.get(String(status)) ?? map.get(`${String(status)[0]}XX`) ?? map.get('default');
      const requestBody = operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      const success = successResponse(operation);
      operations.set(operationId, {
        operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        statuses: [...judges.keys()],
        responseSchemas,
        responseExamples,
        ...(success && { success }),
        ...(requestBody && { requestBody: compileRequestBody(requestBody, validator, where) }),
        secured: !(Array.isArray(operation.security) && operation.security.length === 0),
        declares: (status) => lookup(judges, status) !== undefined,
        validateResponse(status, body) {
          const judge = lookup(judges, status);
          if (!judge) {
            return { valid: false, problems: [`status ${status} is not declared for ${operationId}`] };
          }
          return judge(body);
        },
        validateMediaType(status, contentType) {
          const declared = lookup(mediaTypes, status);
          if (!declared) return { valid: false, problems: [`status ${status} is not declared for ${operationId}`] };
          const bare = contentType.split(';')[0]!.trim().toLowerCase();
          return declared.includes(bare)
            ? { valid: true, problems: [] }
            : { valid: false, problems: [`$: content type ${bare} is not declared for ${status} (declared: ${declared.join(', ')})`] };
        },
      });
    }
  }

  const errorSchema = spec.document.components?.schemas?.['BifrostError'];
  if (!errorSchema) {
    throw new ConfigError(`${spec.path}: components.schemas.BifrostError is missing`);
  }
  return {
    spec,
    operations,
    validateErrorBody: compileJudge(errorSchema as JsonSchema, 'components.schemas.BifrostError'),
    compileCheck: (schema) => {
      const validate = withCycles(ajv, () => compile(schema, 'a response field'));
      return (value) => validate(value);
    },
  };
}


function successResponse(operation: OpenAPIV3_1.OperationObject): SuccessResponse | undefined {
  const entry = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .sort(([a], [b]) => Number(a) - Number(b))[0];
  if (!entry) return undefined;
  // JSON when the response offers it; otherwise its first media type (text/plain, text/csv, ...).
  const content = (entry[1] as OpenAPIV3_1.ResponseObject).content ?? {};
  const mediaType = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
  const media = mediaType === undefined ? undefined : content[mediaType];
  const example = exampleOf(media);
  return {
    status: Number(entry[0]),
    ...(mediaType !== undefined && { mediaType }),
    ...(media && { schema: (media.schema ?? {}) as JsonSchema }),
    ...(example !== undefined && { example: example as unknown }),
  };
}

/** The media type's `example`, or its first `examples` value. */
function exampleOf(media: OpenAPIV3_1.MediaTypeObject | undefined): unknown {
  if (media?.example !== undefined) return media.example as unknown;
  const examples = Object.values(media?.examples ?? {}) as OpenAPIV3_1.ExampleObject[];
  return examples.find((e) => e.value !== undefined)?.value as unknown;
}

export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const path = `$${error.instancePath.replace(/\//g, '.')}`;
    if (error.keyword === 'required') {
      return `${path}.${String(error.params['missingProperty'])}: is required`;
    }
    return `${path}: ${describeError(error)}`;
  });
}

/** One ajv error as a phrase, e.g. `must be one of asc, desc`. */
export function describeError(error: ErrorObject): string {
  if (error.keyword === 'enum') {
    return `must be one of ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  }
  if (error.keyword === 'minLength' && error.params['limit'] === 1) return 'must not be empty';
  if (error.keyword === 'additionalProperties') return `unknown field ${String(error.params['additionalProperty'])}`;
  return error.message ?? error.keyword;
}
