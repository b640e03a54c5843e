import type { OperationContract } from '../spec/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { ListClient } from './fetchList.js';

interface BadRequest {
  name: string;
  query: Record<string, string>;
  auth?: boolean;
  status: number;
  /** When the error names a parameter in `error.param` (optional in the spec), it must be this one. */
  param?: string;
}

/** Requests the contract says must fail, each with the status it must fail with. */
export function badRequests(operation: OperationContract, provider: string): BadRequest[] {
  const limit = operation.parameters.find((p) => p.name === 'limit')?.schema;
  const maximum = typeof limit?.['maximum'] === 'number' ? limit['maximum'] : undefined;
  return [
    { name: 'errors.missing-provider', query: {}, status: 400, param: 'provider' },
    { name: 'errors.limit-not-integer', query: { provider, limit: 'ten' }, status: 400, param: 'limit' },
    ...(maximum !== undefined
      ? [{ name: 'errors.limit-out-of-range', query: { provider, limit: String(maximum + 1) }, status: 400, param: 'limit' }]
      : []),
    { name: 'errors.unknown-cursor', query: { provider, after: 'video_0000000000000000000000000000000000000000deadbeef' }, status: 400, param: 'after' },
    { name: 'errors.no-auth', query: { provider }, auth: false, status: 401 },
  ];
}

/** Sends each bad request and checks it gets a spec-valid error with the right status. */
export async function errorChecks(client: ListClient, operation: OperationContract, provider: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const bad of badRequests(operation, provider)) {
    const page = await client.get(bad.query, { auth: bad.auth ?? true });
    const scope = bad.auth === false ? 'no Authorization header' : new URL(page.url).search || '(no query)';
    if (page.status !== bad.status) {
      results.push({ name: bad.name, scope, status: 'failed', detail: `answered ${page.status}, expected ${bad.status}`, request: page.url });
    } else if (page.problems.length > 0) {
      results.push({
        name: bad.name,
        scope,
        status: 'failed',
        detail: `the ${page.status} body breaks the spec: ${page.problems.slice(0, 3).join('; ')}`,
        request: page.url,
      });
    } else if (bad.param !== undefined && paramOf(page.body) !== undefined && paramOf(page.body) !== bad.param) {
      results.push({
        name: bad.name,
        scope,
        status: 'failed',
        detail: `the error names param ${JSON.stringify(paramOf(page.body) ?? null)}, expected "${bad.param}"`,
        request: page.url,
      });
    } else {
      results.push({ name: bad.name, scope, status: 'passed', detail: `${page.status} with a spec-valid error${bad.param ? ` naming ${bad.param}` : ''}` });
    }
  }
  return results;
}

function paramOf(body: unknown): unknown {
  return (body as { error?: { param?: unknown } } | undefined)?.error?.param;
}
