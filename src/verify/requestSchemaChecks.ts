import type { OperationContract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { TargetClient, TargetRequest, TargetResponse } from './createTargetClient.js';
import { fillPath } from './findOperation.js';
import type { ForbiddenRequest } from './forbiddenRequests.js';
import { judgeRefusal, messageOf, toCheck } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';

/**
 * Sends each request the spec forbids; each must get a spec-valid 4xx naming its field. One that
 * is wrongly accepted is handed to `onAccepted` (a create that made a job must be cleaned up).
 */
export async function forbiddenRequestChecks(
  client: TargetClient,
  judge: ResponseJudge,
  operation: OperationContract,
  cases: readonly ForbiddenRequest[],
  onAccepted: (response: TargetResponse) => void = () => {},
): Promise<CheckResult[]> {
  return Promise.all(
    cases.map(async (forbidden) => {
      const request = requestFor(operation, forbidden);
      const response = await client.send(request);
      if (response.status >= 200 && response.status < 300) onAccepted(response);
      return toCheck(forbidden.name, forbidden.scope, response, judgeRefusal(response, judge, { status: '4xx', param: forbidden.field }), request);
    }),
  );
}

/** A request the spec allows must be accepted (2xx) with an answer the spec declares. */
export async function allowedRequestCheck(client: TargetClient, judge: ResponseJudge, request: TargetRequest, scope: string): Promise<{ check: CheckResult; response: TargetResponse }> {
  const response = await client.send(request);
  const accepted = response.status >= 200 && response.status < 300;
  const problem = accepted ? judge(response) : `the spec allows this request, but it answered ${response.status || 'nothing'}${messageOf(response)}`;
  const verdict = problem ? { status: 'failed' as const, detail: problem } : { status: 'passed' as const, detail: `${response.status}, answered as the spec declares` };
  return { check: toCheck('requests.allowed', scope, response, verdict, request), response };
}

/**
 * A query parameter given twice: refused with a 4xx naming it, or the first value taken, as the
 * gateway's HTTP stack does (then the answer is the first value's alone: same status, type, bytes).
 */
export async function repeatedQueryChecks(client: TargetClient, judge: ResponseJudge, operation: OperationContract, valid: { path: Record<string, string>; query: Record<string, string> }): Promise<CheckResult[]> {
  const rules = operation.parameters.filter((rule) => rule.in === 'query' && Array.isArray(rule.schema['enum']) && rule.schema['enum'].length > 1);
  return Promise.all(
    rules.map(async (rule) => {
      const values = (rule.schema['enum'] as unknown[]).map(String);
      const fallback = rule.schema['default'] === undefined ? undefined : String(rule.schema['default']);
      const first = values.find((v) => v !== fallback) ?? values[0]!;
      const second = values.find((v) => v !== first)!;
      const path = fillPath(operation.path, valid.path);
      const scope = `${operation.operationId}: ${rule.name} given twice (${first}, ${second})`;
      const request = { method: operation.method, path, query: { ...valid.query, [rule.name]: [first, second] }, headers: { accept: '*/*' } };
      const repeated = await client.send(request);
      if (repeated.status < 200 || repeated.status >= 300) {
        return toCheck(`requests.${rule.name}-repeated`, scope, repeated, judgeRefusal(repeated, judge, { status: '4xx', param: rule.name }), request);
      }
      const alone = await client.send({ ...request, query: { ...valid.query, [rule.name]: first } });
      const same = alone.status === repeated.status && alone.headers.get('content-type') === repeated.headers.get('content-type') && alone.bytes.equals(repeated.bytes);
      const problem = judge(repeated) ?? (same ? undefined : `answered ${repeated.status} (${repeated.headers.get('content-type') ?? 'no type'}, ${repeated.bytes.length} bytes), not what ${rule.name}=${first} alone gives: neither the first value nor a 4xx`);
      return toCheck(`requests.${rule.name}-repeated`, scope, repeated, problem ? { status: 'failed', detail: problem } : { status: 'passed', detail: `${repeated.status}, the answer of the first value alone` }, request);
    }),
  );
}

function requestFor(operation: OperationContract, forbidden: ForbiddenRequest): TargetRequest {
  return {
    method: operation.method,
    path: fillPath(operation.path, forbidden.path),
    query: forbidden.query,
    headers: { accept: '*/*' },
    ...(forbidden.json !== undefined && { json: forbidden.json }),
    ...(forbidden.form !== undefined && { form: forbidden.form }),
  };
}
