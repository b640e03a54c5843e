import type { MockError } from '../errors/MockError.js';
import type { ErrorContext } from '../errors/toBifrostError.js';
import { deepFreeze } from '../openapi/deepFreeze.js';
import type { OperationContract } from '../openapi/compileContract.js';
import type { CompleteError } from '../openapi/findErrorFields.js';
import type { SchemaSampler } from '../openapi/sampleSchema.js';
import { errorResponse } from './errorResponse.js';
import type { MockResponse } from './MockResponse.js';
import type { Log } from './judgeResponse.js';

/**
 * How an operation answers an injected error (a preset, a rule, `Prefer: code=`): with the
 * gateway's BifrostError when that fits the response the spec declares for the status, which it
 * does for every operation of the bundled spec. A spec that gives the status a body of its own
 * shape (`409: {detail}`) gets that body instead: its example, or one generated from its schema,
 * the same for every request. Either way the answer is judged like every response.
 */
export function faultErrorResponse(operation: OperationContract, sampler: () => SchemaSampler, log: Log, complete?: CompleteError) {
  const bodies = new Map<number, unknown>();
  return (error: MockError, context: ErrorContext): MockResponse => {
    const raw = errorResponse(error, context, log);
    // With the fields the spec adds to its error schema first (findErrorFields): that body may fit.
    const response = complete ? { ...raw, body: complete(raw.status, raw.body) } : raw;
    const { status } = response;
    // Undeclared: judged as a BifrostError (schema-served) or by the operation's own rule.
    if (!operation.declares(status) || operation.validateResponse(status, response.body).valid) return response;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => operation.responseSchemas.has(k) || operation.responseExamples.has(k));
    if (key === undefined) return response;
    let body = bodies.get(status);
    if (body === undefined) {
      const valid = (value: unknown) => operation.validateResponse(status, value).valid;
      body = operation.responseExamples.has(key)
        ? operation.responseExamples.get(key)
        : sampler().sample(operation.responseSchemas.get(key)!, `fault:${operation.operationId}:${status}`, valid);
      bodies.set(status, deepFreeze(body));
    }
    return { ...response, body };
  };
}
