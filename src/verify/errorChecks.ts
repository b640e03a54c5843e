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
  /**
   * For a repeated parameter: the query with only its first value. A server may refuse the
   * repeat (a 400 naming it) or take the first value, as the gateway's HTTP stack does; then its
   * page must be this query's.
   */
  firstValueOf?: ListQuery;
}

export interface BadRequestContext {
  provider: string;
  /** A provider that exists but cannot list videos. */
  cannotList: string;
  /** Real cursors, to send `after` twice (the second unlike the first, when there are two). */
  cursor?: string;
  otherCursor?: string;
  /** A provider that lists other jobs: the second value of a repeated `provider`. */
  otherProvider?: string;
  /** An id that belongs to another provider. */
  foreignId?: string;
}

/**
 * Every bad input the spec implies for the list operation: for each query parameter, a
 * missing required one, a wrong type, each side of its range, an enum miss, an empty string
 * and a repeat (refused, or the first value taken); then what only the gateway knows
 * (providers, cursors, auth).
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
    const [first, second] = twoValues(rule, context);
    if (first !== undefined) {
      const values = [first, second ?? first];
      bad.push({ name: `errors.${p}-repeated`, what: `${p} given twice (${values.join(', ')})`, query: { ...others, [p]: values }, status: 400, param: p, firstValueOf: { ...others, [p]: first } });
    }
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

/**
 * Two valid values of a parameter, the first unlike its default where it can be, so a server
 * that takes the last value, or ignores the parameter, gives another page than the first alone.
 */
function twoValues(rule: ParameterRule, context: BadRequestContext): [string | undefined, string | undefined] {
  if (rule.name === 'provider') return [context.provider, context.otherProvider];
  if (rule.name === 'after') return [context.cursor, context.otherCursor];
  const { schema } = rule;
  const fallback = schema['default'] === undefined ? undefined : String(schema['default']);
  if (Array.isArray(schema['enum'])) {
    const values = schema['enum'].map(String);
    const first = values.find((v) => v !== fallback) ?? values[0];
    return [first, values.find((v) => v !== first)];
  }
  if (schema['type'] === 'integer' && typeof schema['minimum'] === 'number') {
    const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : schema['minimum'] + 100;
    const first = Math.min(max, schema['minimum'] + 2);
    const second = fallback !== undefined && Number(fallback) !== first ? Number(fallback) : max;
    return [String(first), second !== first ? String(second) : undefined];
  }
  return [fallback, undefined];
}

const ids = (body: unknown) => ((body as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((item) => String(item.id));

/** Sends each bad request and checks it gets a spec-valid error with the right status and param. */
export async function errorChecks(client: ListClient, operation: OperationContract, options: BadRequestContext): Promise<CheckResult[]> {
  const requests = badRequests(operation, options);
  const pages = await Promise.all(requests.map((bad) => client.get(bad.query, { auth: bad.auth ?? true })));
  const firstValuePages = await Promise.all(requests.map((bad, i) => (bad.firstValueOf && pages[i]!.status === 200 ? client.get(bad.firstValueOf) : undefined)));
  return requests.map((bad, i): CheckResult => {
    const page = pages[i]!;
    const base = { name: bad.name, scope: bad.what, request: page.url, durationMs: page.durationMs };
    const fail = (detail: string): CheckResult => ({ ...base, status: 'failed', detail });
    const { request: _request, ...passed } = base;
    const single = firstValuePages[i];
    if (single) {
      // The gateway's way: the first value counts.
      const [repeated, first] = [ids(page.body), ids(single.body)];
      if (page.problems.length > 0) return fail(`the 200 body breaks the spec: ${page.problems.slice(0, 3).join('; ')}`);
      if (single.status !== 200) return { ...base, request: single.url, status: 'failed', detail: `the first value alone answered ${single.status}` };
      if (JSON.stringify(repeated) === JSON.stringify(first)) return { ...passed, status: 'passed', detail: `200, the page of the first value alone (${first.length} jobs)` };
      return fail(`answered 200 with another page than the first value alone gives (first job ${repeated[0] ?? 'none'} instead of ${first[0] ?? 'none'}): neither the first value nor a 400`);
    }
    const expected = bad.firstValueOf ? `${bad.status}, or 200 taking the first value` : String(bad.status);
    if (page.status !== bad.status) return fail(`answered ${page.status || 'nothing'}, expected ${expected}`);
    if (page.problems.length > 0) return fail(`the ${page.status} body breaks the spec: ${page.problems.slice(0, 3).join('; ')}`);
    const error = page.body as { status_code?: unknown; error?: { param?: unknown; code?: unknown } };
    if (error.status_code !== undefined && error.status_code !== page.status) return fail(`status_code ${String(error.status_code)} disagrees with the HTTP status ${page.status}`);
    if (bad.code !== undefined && error.error?.code !== undefined && error.error.code !== bad.code) {
      return fail(`error.code is ${JSON.stringify(error.error.code)}, expected "${bad.code}"`);
    }
    const param = error.error?.param;
    if (bad.param !== undefined && (param === undefined || param === null || param === '')) {
      // The contract makes error.param optional (the gateway's own 400s carry none): a convention, not a rule.
      return { ...base, status: 'warning', detail: `the ${page.status} names no parameter (error.param is absent), expected "${bad.param}": the contract allows it, but a client cannot tell what to fix` };
    }
    if (bad.param !== undefined && param !== bad.param) return fail(`the error names param ${JSON.stringify(param)}, expected "${bad.param}"`);
    return { ...passed, status: 'passed', detail: `${page.status} with a spec-valid error${bad.param ? ` naming ${bad.param}` : ''}` };
  });
}
