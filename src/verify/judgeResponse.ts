import type { OpenAPIV3_1 } from 'openapi-types';
import type { Contract, JsonSchema, OperationContract } from '../core/openapi/compileContract.js';
import type { TargetResponse } from './createTargetClient.js';
import type { OperationFinder } from './findOperation.js';

/** The first way an answer breaks the spec, or undefined when the spec declares all of it. */
export type ResponseJudge = (response: TargetResponse) => string | undefined;

/**
 * Judges any answer by the operation it went to: its status is declared, its Content-Type is a
 * declared one (JSON for JSON responses, `video/mp4` and the like for content), its body matches
 * the schema, and each declared header is present when required and matches its schema when sent.
 * An answer outside every operation (an unknown route, a method with no route) is judged as an error.
 */
export function createResponseJudge(contract: Contract, find: OperationFinder, timeoutMs: number): ResponseJudge {
  const checks = new Map<object, (value: unknown) => boolean>();
  const checkOf = (schema: JsonSchema) => {
    let check = checks.get(schema);
    if (!check) checks.set(schema, (check = contract.compileCheck(schema)));
    return check;
  };
  return (response) => {
    if (response.status === 0) return `no answer within ${timeoutMs} ms (--timeout)`;
    const operation = find(response.method, response.url);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!operation) {
      if (response.status < 400 || response.json === undefined) return undefined;
      const { problems } = contract.validateErrorBody(response.json);
      return problems.length > 0 ? `the ${response.status} body breaks the spec's BifrostError: ${problems.slice(0, 3).join('; ')}` : undefined;
    }
    if (!operation.declares(response.status)) return `status ${response.status} is not declared for ${operation.operationId}`;
    const declared = declaredResponse(contract, operation, response.status);
    const mediaTypes = Object.keys(declared?.content ?? {});
    if (mediaTypes.some(isJson)) {
      if (!isJson(type)) return `Content-Type is ${JSON.stringify(type || '(none)')}, the spec declares ${mediaTypes.join(', ')} for ${response.status}`;
      if (response.json === undefined) return `the ${response.status} body is not JSON`;
      const { problems } = operation.validateResponse(response.status, response.json);
      if (problems.length > 0) return `the ${response.status} body breaks the spec: ${problems.slice(0, 3).join('; ')}`;
    } else if (mediaTypes.length > 0) {
      const { problems } = operation.validateMediaType(response.status, type);
      if (problems.length > 0) return problems[0]!.replace(/^\$: /, '');
    }
    for (const [name, header] of Object.entries(declared?.headers ?? {}) as [string, OpenAPIV3_1.HeaderObject][]) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) return `the ${response.status} lacks the ${name} header the spec requires`;
        continue;
      }
      const schema = header.schema as JsonSchema | undefined;
      if (schema && !checkOf(schema)(coerce(value, schema))) return `header ${name}: ${JSON.stringify(value)} does not match its schema ${JSON.stringify(schema)}`;
    }
    return undefined;
  };
}

/** The response object the spec declares for this status (exact, `4XX`, then `default`). */
function declaredResponse(contract: Contract, operation: OperationContract, status: number): OpenAPIV3_1.ResponseObject | undefined {
  const item = contract.spec.document.paths?.[operation.path] as Record<string, OpenAPIV3_1.OperationObject> | undefined;
  const responses = item?.[operation.method.toLowerCase()]?.responses ?? {};
  const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses['default'];
  return found as OpenAPIV3_1.ResponseObject | undefined;
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** A header is text; its schema may say integer or number. */
function coerce(value: string, schema: JsonSchema): unknown {
  const types = [schema['type']].flat();
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}
