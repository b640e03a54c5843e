import { BoundedCache } from '../data/boundedCache.js';
import { errors } from '../errors/catalog.js';
import { MockError } from '../errors/MockError.js';
import type { OperationContract } from '../openapi/compileContract.js';
import { deepFreeze } from '../openapi/deepFreeze.js';
import type { ParameterValues } from '../openapi/readParameters.js';
import type { SchemaSampler } from '../openapi/sampleSchema.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import type { BodyFailure, ReceivedBody } from '../pipeline/ReceivedBody.js';
import { bodyProblem } from './bodyProblem.js';

/** Generated bodies kept per operation (by path parameters), frozen: judged and serialized once. */
export const GENERATED_BODIES_KEPT = 256;

export interface SchemaServedInput {
  params: ParameterValues;
  body?: ReceivedBody;
}

/**
 * An operation of the spec without a domain handler, served from its schemas: the request
 * body is judged against the spec (400 naming the field), and the answer is the first 2xx
 * response's example, or a value generated from its schema. Generated bodies are seeded by the
 * operation and its path parameters, so the same request gets the same body from every server
 * started with the same seed; response validation still judges them before they are sent.
 */
export function schemaServed(operation: OperationContract, sampler: SchemaSampler) {
  const { success, requestBody, operationId } = operation;
  // A body in another media type (text/plain, ...) is sent as bytes under it; respond() judges
  // its media type, and json-schema-faker's value stands for its schema.
  const asText = success?.mediaType !== undefined && !/[/+]json\b/.test(success.mediaType) ? success.mediaType : undefined;
  const valid = asText ? () => true : (value: unknown) => operation.validateResponse(success?.status ?? 200, value).valid;
  const answer = (status: number, body: unknown): MockResponse =>
    asText
      ? { status, body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)), headers: { 'Content-Type': asText } }
      : { status, body };
  const generated = new BoundedCache<string, unknown>(GENERATED_BODIES_KEPT);
  return ({ params, body = {} }: SchemaServedInput): MockResponse => {
    if (requestBody) {
      if (body.failure) throw bodyError(body.failure, requestBody.mediaTypes);
      if (body.mediaType === undefined) {
        if (requestBody.required) throw errors.missingBody(requestBody.mediaTypes);
      } else {
        const problem = bodyProblem(body, requestBody);
        if (problem) throw errors.invalidBodyField(problem.field, problem.reason);
      }
    }
    if (!success) {
      throw new MockError(501, { message: `${operationId}: the spec declares no 2xx response to serve`, type: 'not_implemented' });
    }
    if (success.example !== undefined) return answer(success.status, success.example);
    if (!success.schema) return { status: success.status, body: undefined };
    const pathValues = operation.parameters
      .filter((p) => p.in === 'path')
      .map((p) => `${p.name}=${String(params[p.name])}`)
      .join('&');
    let value = generated.get(pathValues);
    if (value === undefined) {
      value = deepFreeze(sampler.sample(success.schema, `op:${operationId}?${pathValues}`, valid));
      generated.set(pathValues, value);
    }
    return answer(success.status, value);
  };
}

function bodyError(failure: BodyFailure, accepted: readonly string[]): MockError {
  switch (failure.kind) {
    case 'mediaType':
      return errors.unsupportedMediaType(failure.given, accepted);
    case 'tooLarge':
      return errors.bodyTooLarge(failure.reason);
    case 'badField':
      return errors.invalidBodyField(failure.field, failure.reason);
    case 'unreadable':
      return errors.unreadableBody(failure.reason);
  }
}
