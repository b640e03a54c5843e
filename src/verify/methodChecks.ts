import type { Contract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { TargetClient } from './createTargetClient.js';
import { fillPath } from './findOperation.js';
import { messageOf, toCheck } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';

const PROBED = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Methods that write on this API: sent to a route the spec does not give only when writes are allowed. */
const WRITES = new Set(['POST', 'DELETE']);

/**
 * A method the spec gives no route must be refused: 405 with an `Allow` header naming the
 * path's methods (and not this one), or 404. Path parameters are filled with `pathValues` (an
 * id no job has), so even a server that wrongly routes the method touches nothing.
 */
export async function methodChecks(client: TargetClient, judge: ResponseJudge, contract: Contract, pathValues: Record<string, string>, writes: boolean): Promise<CheckResult[]> {
  const declared = new Map<string, string[]>();
  for (const operation of contract.operations.values()) declared.set(operation.path, [...(declared.get(operation.path) ?? []), operation.method]);
  const probes = [...declared].flatMap(([template, methods]) =>
    PROBED.filter((method) => !methods.includes(method) && (writes || !WRITES.has(method))).map((method) => ({ template, methods, method })),
  );
  return Promise.all(
    probes.map(async ({ template, methods, method }) => {
      // A parameter verify has no value for gets a made-up one: no route is no route, whatever the id.
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const values = Object.fromEntries(names.map((name) => [name, pathValues[name] ?? 'verify']));
      const response = await client.send({ method, path: fillPath(template, values), headers: { accept: '*/*' } });
      const scope = `${method} ${template}`;
      const fail = (detail: string) => toCheck('methods.no-route', scope, response, { status: 'failed', detail });
      if (response.status === 404) return toCheck('methods.no-route', scope, response, { status: 'passed', detail: '404' });
      if (response.status !== 405) return fail(`answered ${response.status || 'nothing'}, expected 405 or 404${messageOf(response)}`);
      const allow = (response.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
      if (allow.length === 0) return fail('405 without an Allow header naming the methods the path has');
      const missing = methods.filter((m) => !allow.includes(m));
      if (missing.length > 0 || allow.includes(method)) return fail(`Allow: ${allow.join(', ')}, but the spec gives ${template} ${methods.join(', ')}`);
      const problem = judge(response);
      if (problem) return fail(problem);
      return toCheck('methods.no-route', scope, response, { status: 'passed', detail: `405, Allow: ${allow.join(', ')}` });
    }),
  );
}
