import type { OperationContract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { ListClient, ListPage } from './fetchList.js';
import type { Walk } from './walkList.js';

const idsOf = (page: ListPage) => ((page.body as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((v) => String(v.id));

/** A request without `limit` or `order` must behave as the spec's defaults say. */
export async function defaultChecks(client: ListClient, operation: OperationContract, provider: string): Promise<CheckResult[]> {
  const defaultOf = (param: string) => operation.parameters.find((p) => p.name === param)?.schema['default'];
  const limit = defaultOf('limit');
  const order = defaultOf('order');
  const results: CheckResult[] = [];
  const compare = async (param: string, spec: unknown, explicit: Record<string, string>, implicit: Record<string, string>) => {
    const name = `defaults.${param}`;
    if (spec === undefined) return results.push({ name, status: 'skipped', detail: `the spec gives ${param} no default` });
    const started = performance.now();
    const [withIt, without] = await Promise.all([client.get({ provider, ...explicit }), client.get({ provider, ...implicit })]);
    const durationMs = performance.now() - started;
    const scope = `${param} omitted, expected ${param}=${String(spec)}`;
    if (without.status !== 200 || withIt.status !== 200) {
      const bad = without.status !== 200 ? without : withIt;
      return results.push({ name, scope, status: 'failed', detail: `answered ${bad.status}`, request: bad.url, durationMs });
    }
    const [a, b] = [idsOf(withIt), idsOf(without)];
    if (JSON.stringify(a) === JSON.stringify(b)) {
      return results.push({ name, scope, status: 'passed', detail: `same ${a.length} jobs as ${param}=${String(spec)}`, durationMs });
    }
    const detail = a.length !== b.length ? `${b.length} jobs, but ${param}=${String(spec)} gives ${a.length}` : `jobs differ from ${param}=${String(spec)} (first ${b[0]} instead of ${a[0]})`;
    return results.push({ name, scope, status: 'failed', detail, request: without.url, durationMs });
  };
  const sizes = operation.parameters.find((p) => p.name === 'limit')?.schema;
  const largeLimit = String(typeof sizes?.['maximum'] === 'number' ? sizes['maximum'] : 100);
  const anyOrder = String(order ?? 'desc');
  await compare('limit', limit, { limit: String(limit), order: anyOrder }, { order: anyOrder });
  // A large page shows the order beyond the first few jobs.
  await compare('order', order, { limit: largeLimit, order: String(order) }, { limit: largeLimit });
  return results;
}

/** The gateway accepts a cursor with or without its `:<provider>` suffix; both must agree. */
export async function cursorSuffixCheck(client: ListClient, provider: string, walks: readonly Walk[]): Promise<CheckResult> {
  const name = 'cursor.provider-suffix';
  const walk = walks.find((w) => (w.pages[0]?.body?.data.length ?? 0) > 1);
  const cursor = walk?.pages[0]?.body?.data[0]?.id;
  if (!walk || !cursor) return { name, status: 'skipped', detail: 'no page with two jobs to take a cursor from' };
  const suffix = `:${provider}`;
  const bare = cursor.endsWith(suffix) ? cursor.slice(0, -suffix.length) : cursor;
  const query = { provider, limit: String(walk.limit), order: walk.order };
  const [withSuffix, without] = await Promise.all([client.get({ ...query, after: bare + suffix }), client.get({ ...query, after: bare })]);
  const durationMs = withSuffix.durationMs + without.durationMs;
  if (withSuffix.status !== 200 || without.status !== 200) {
    const failed = withSuffix.status !== 200 ? withSuffix : without;
    return { name, status: 'failed', detail: `a cursor was refused with ${failed.status}`, request: failed.url, durationMs };
  }
  if (JSON.stringify(idsOf(withSuffix)) !== JSON.stringify(idsOf(without))) {
    return { name, status: 'failed', detail: `after=${bare} and after=${bare}${suffix} give different pages`, request: without.url, durationMs };
  }
  return { name, status: 'passed', detail: 'after works with and without the :provider suffix', durationMs };
}
