import type { Contract, JsonSchema, OperationContract } from '../core/openapi/compileContract.js';
import { createSchemaSampler } from '../core/openapi/sampleSchema.js';
import { authChecks } from './authChecks.js';
import type { CheckResult } from './CheckResult.js';
import { fillPath } from './findOperation.js';
import { asText, bodySchema, forbiddenBodies, forbiddenParameters, requiredOf } from './forbiddenRequests.js';
import { messageOf, toCheck } from './judgeRefusal.js';
import type { ReadContext } from './listedJobChecks.js';
import { forbiddenRequestChecks, repeatedQueryChecks } from './requestSchemaChecks.js';

/** The operations verify knows the meaning of; every other one of a spec is checked from its schemas alone. */
const VIDEO_OPERATIONS = new Set(['listVideos', 'createVideo', 'retrieveVideo', 'deleteVideo', 'remixVideo', 'downloadVideoContent']);
const SEED = 18;

/**
 * Each operation of the spec verify has no rules for (one a team added, say), from its schemas:
 * a request of valid parameters (drawn from their schemas, examples first) is not refused as
 * invalid; each parameter value the schema forbids is a 4xx naming it; without credentials or
 * with an invalid key it is a 401. An operation that writes is only sent requests the spec
 * forbids, and only with `writes`: verify could not undo a write it does not understand.
 */
export async function otherOperationChecks(context: ReadContext, writes: boolean): Promise<CheckResult[]> {
  const { client, judge, contract } = context;
  const sampler = createSchemaSampler(SEED);
  const valueOf = (schema: JsonSchema, key: string) => sampler.sample(schema, key, contract.compileCheck(schema));
  const results: CheckResult[] = [];
  for (const operation of contract.operations.values()) {
    if (VIDEO_OPERATIONS.has(operation.operationId)) continue;
    const reads = operation.method === 'GET' || operation.method === 'HEAD';
    if (!reads && !writes) continue;
    const valid = validParameters(operation, valueOf);
    const unsampled = operation.parameters.find((rule) => (rule.in === 'path' || rule.required) && !rule.validate(coerce(valid.path[rule.name] ?? valid.query[rule.name], rule.schema)));
    if (unsampled) {
      results.push({ name: 'requests.allowed', scope: operation.operationId, status: 'skipped', detail: `no valid value could be drawn for ${unsampled.name} from its schema` });
      continue;
    }
    const path = fillPath(operation.path, valid.path);
    const body = reads ? undefined : validBody(contract, operation, valueOf);
    const request = { method: operation.method, path, query: valid.query, headers: { accept: '*/*' }, ...(body && { json: body }) };
    if (reads) {
      // An id drawn from a schema may name nothing: a 404 is an answer, a 400 a refusal.
      const response = await client.send(request);
      const refused = response.status === 400 || response.status === 422 || response.status === 0 || response.status >= 500;
      const problem = refused ? `the spec allows this request, but it answered ${response.status || 'nothing'}${messageOf(response)}` : judge(response);
      results.push(toCheck('requests.allowed', `${operation.operationId}: parameters drawn from their schemas`, response, problem ? { status: 'failed', detail: problem } : { status: 'passed', detail: `${response.status}, answered as the spec declares` }, request));
      results.push(...(await repeatedQueryChecks(client, judge, operation, valid)));
    }
    const badParameters = forbiddenParameters(operation, valid).map((c) => (body ? { ...c, json: body } : c));
    const badBodies = body ? forbiddenBodies(contract, operation, body, valid.path).map((c) => ({ ...c, query: valid.query })) : [];
    results.push(...(await forbiddenRequestChecks(client, judge, operation, [...badParameters, ...badBodies])));
    if (operation.secured) results.push(...(await authChecks(client, judge, [{ operationId: operation.operationId, request }])));
  }
  return results;
}

function validParameters(operation: OperationContract, valueOf: (schema: JsonSchema, key: string) => unknown) {
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const rule of operation.parameters) {
    if (rule.in === 'path') path[rule.name] = asText(valueOf(rule.schema, `${operation.operationId}.${rule.name}`));
    else if (rule.in === 'query' && rule.required) query[rule.name] = asText(valueOf(rule.schema, `${operation.operationId}.${rule.name}`));
  }
  return { path, query };
}

/** The JSON body's required fields, drawn from their schemas; undefined when the operation takes no JSON. */
function validBody(contract: Contract, operation: OperationContract, valueOf: (schema: JsonSchema, key: string) => unknown): Record<string, unknown> | undefined {
  const mediaType = operation.requestBody?.mediaTypes.find((type) => /json/.test(type));
  if (!mediaType) return undefined;
  const schema = bodySchema(contract, operation, mediaType);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  return Object.fromEntries(requiredOf(schema).map((field) => [field, valueOf(properties[field] ?? {}, `${operation.operationId}.body.${field}`)]));
}

function coerce(text: string | undefined, schema: JsonSchema): unknown {
  const types = [schema['type']].flat();
  if (text !== undefined && (types.includes('integer') || types.includes('number')) && Number.isFinite(Number(text))) return Number(text);
  return text;
}
