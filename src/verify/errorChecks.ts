import type { OperationContract, ParameterRule } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { ListClient, ListQuery } from './fetchList.js';

export interface BadRequest {
  name: string;
  /** What is wrong, shown as the check's scope. */
  what: string;
  query: ListQuery;
  auth?: boolean;
  status: number;
  /** The parameter `error.param` must name. */
  param?: string;
  /** The `error.code` the gateway sends for this case. */
  code?: string;
}

export interface BadRequestContext {
  provider: string;
  /** A provider that exists but cannot list videos. */
  cannotList: string;
  /** A real cursor, to send a valid `after` twice. */
  cursor?: string;
  /** An id that belongs to another provider. */
  foreignId?: string;
}

/**
 * Every bad input the spec implies for the list operation: for each query parameter, a
 * missing required one, a wrong type, each side of its range, an enum miss, an empty string
 * and a repeat; then what only the gateway knows (providers, cursors, auth).
 */
export function badRequests(operation: OperationContract, context: BadRequestContext): BadRequest[] {
  const { provider } = context;
  const base: ListQuery = { provider };
  const bad: BadRequest[] = [];
  for (const rule of operation.parameters.filter((p) => p.in === 'query')) {
    const p = rule.name;
    const others = Object.fromEntries(Object.entries(base).filter(([name]) => name !== p));
    const send = (kind: string, what: string, value: string | string[] | undefined) =>
      bad.push({ name: `errors.${kind}`, what, query: { ...others, [p]: value }, status: 400, param: p });
    const { type, minimum, maximum, minLength } = rule.schema;
    const enumValues = rule.schema['enum'];
    if (rule.required) send(`missing-${p}`, `${p} missing`, undefined);
    if (type === 'integer' || type === 'number') send(`${p}-not-${String(type)}`, `${p} of the wrong type`, 'ten');
    if (type === 'integer' && typeof minimum === 'number') send(`${p}-out-of-range`, `${p} below its minimum ${minimum}`, String(minimum - 1));
    if (type === 'integer' && typeof maximum === 'number') send(`${p}-out-of-range`, `${p} above its maximum ${maximum}`, String(maximum + 1));
    if (Array.isArray(enumValues)) send(`${p}-not-in-enum`, `${p} not one of ${enumValues.join(', ')}`, `not_${String(enumValues[0])}`);
    if (!rule.required && type === 'string' && typeof minLength === 'number' && minLength > 0) send(`${p}-empty`, `${p} empty`, '');
    const valid = validValue(rule, context);
    if (valid !== undefined) send(`${p}-repeated`, `${p} given twice`, [valid, valid]);
  }
  bad.push(
    { name: 'errors.unknown-provider', what: 'a provider the gateway does not know', query: { provider: 'no-such-provider' }, status: 400, param: 'provider' },
    { name: 'errors.provider-cannot-list', what: `${context.cannotList} cannot list videos`, query: { provider: context.cannotList }, status: 400, param: 'provider', code: 'unsupported_operation' },
    { name: 'errors.unknown-cursor', what: 'a cursor no job has', query: { provider, after: 'video_0000000000000000000000000000000000000000deadbeef' }, status: 400, param: 'after' },
    ...(context.foreignId
      ? [{ name: 'errors.foreign-cursor', what: 'a cursor of another provider', query: { provider, after: context.foreignId }, status: 400, param: 'after' }]
      : []),
    { name: 'errors.no-auth', what: 'no credentials', query: { provider }, auth: false, status: 401 },
  );
  return bad;
}

function validValue(rule: ParameterRule, context: BadRequestContext): string | undefined {
  if (rule.name === 'provider') return context.provider;
  if (rule.name === 'after') return context.cursor;
  const { schema } = rule;
  if (schema['default'] !== undefined) return String(schema['default']);
  if (Array.isArray(schema['enum'])) return String(schema['enum'][0]);
  if (typeof schema['minimum'] === 'number') return String(schema['minimum']);
  return undefined;
}

export interface ErrorCheckOptions extends BadRequestContext {
  /** When false, an error without `error.param` is skipped instead of failed. */
  requireParam: boolean;
}

/** Sends each bad request and checks it gets a spec-valid error with the right status and param. */
export async function errorChecks(client: ListClient, operation: OperationContract, options: ErrorCheckOptions): Promise<CheckResult[]> {
  const requests = badRequests(operation, options);
  const pages = await Promise.all(requests.map((bad) => client.get(bad.query, { auth: bad.auth ?? true })));
  return requests.map((bad, i): CheckResult => {
    const page = pages[i]!;
    const base = { name: bad.name, scope: bad.what, request: page.url, durationMs: page.durationMs };
    const fail = (detail: string): CheckResult => ({ ...base, status: 'failed', detail });
    if (page.status !== bad.status) return fail(`answered ${page.status || 'nothing'}, expected ${bad.status}`);
    if (page.problems.length > 0) return fail(`the ${page.status} body breaks the spec: ${page.problems.slice(0, 3).join('; ')}`);
    const error = page.body as { status_code?: unknown; error?: { param?: unknown; code?: unknown } };
    if (error.status_code !== undefined && error.status_code !== page.status) return fail(`status_code ${String(error.status_code)} disagrees with the HTTP status ${page.status}`);
    if (bad.code !== undefined && error.error?.code !== undefined && error.error.code !== bad.code) {
      return fail(`error.code is ${JSON.stringify(error.error.code)}, expected "${bad.code}"`);
    }
    const param = error.error?.param;
    if (bad.param !== undefined && param === undefined) {
      const detail = `the ${page.status} names no parameter (error.param is absent), expected "${bad.param}"`;
      return options.requireParam ? fail(detail) : { ...base, status: 'skipped', detail };
    }
    if (bad.param !== undefined && param !== bad.param) return fail(`the error names param ${JSON.stringify(param)}, expected "${bad.param}"`);
    const { request: _request, ...passed } = base;
    return { ...passed, status: 'passed', detail: `${page.status} with a spec-valid error${bad.param ? ` naming ${bad.param}` : ''}` };
  });
}
