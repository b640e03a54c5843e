import { compileContract } from '../spec/compileContract.js';
import { defaultSpecPath } from '../spec/defaultSpecPath.js';
import { loadSpec } from '../spec/loadSpec.js';
import { ConfigError } from '../errors/ConfigError.js';
import type { CheckResult, VerifyReport } from './CheckResult.js';
import { errorChecks } from './errorChecks.js';
import { createListClient, type ListClient } from './fetchList.js';
import { paginationChecks, walkIds } from './paginationChecks.js';
import { walkList, type Walk } from './walkList.js';

export interface VerifyOptions {
  baseUrl: string;
  token?: string;
  provider?: string;
  /** Pages per walk at most. */
  maxPages?: number;
  /** Page sizes to walk, each in both orders. */
  limits?: number[];
  specPath?: string;
  onProgress?: (message: string) => void;
}

/**
 * Crawls the list endpoint of any server and checks it against the contract: every
 * response against its schema, and the pagination invariants no schema can express.
 */
export async function verifyServer(options: VerifyOptions): Promise<VerifyReport> {
  const provider = options.provider ?? 'openai';
  const maxPages = options.maxPages ?? 50;
  const progress = options.onProgress ?? (() => {});
  const contract = compileContract(await loadSpec(options.specPath ?? defaultSpecPath));
  const operation = contract.operations.get('listVideos');
  if (!operation) throw new ConfigError(`${contract.spec.path}: no operation with operationId listVideos`);
  const client = createListClient({ baseUrl: options.baseUrl, operation, ...(options.token && { token: options.token }) });

  const checks: CheckResult[] = [];
  const walks: Walk[] = [];
  for (const limit of options.limits ?? [100, 20, 7]) {
    for (const order of ['desc', 'asc'] as const) {
      const walk = await walkList(client, provider, limit, order, maxPages, (pages) =>
        progress(`crawling limit=${limit} order=${order}: page ${pages}`),
      );
      walks.push(walk);
      checks.push(...paginationChecks(walk));
    }
  }
  checks.push(sameJobsEverywhere(walks));
  checks.push(await cursorSuffixCheck(client, provider, walks));
  progress('sending requests that must fail');
  checks.push(...(await errorChecks(client, operation, provider)));

  return {
    baseUrl: options.baseUrl,
    provider,
    requests: client.requests(),
    checks,
    passed: checks.every((c) => c.status !== 'failed'),
  };
}

function sameJobsEverywhere(walks: Walk[]): CheckResult {
  const name = 'pagination.same-jobs';
  const complete = walks.filter((w) => w.end === 'complete');
  if (complete.length < 2) {
    return { name, status: 'skipped', detail: 'fewer than two walks reached the end (raise --max-pages)' };
  }
  const [reference, ...others] = complete.map((walk) => ({ walk, ids: new Set(walkIds(walk)) }));
  for (const other of others) {
    const missing = [...reference!.ids].find((id) => !other.ids.has(id));
    const extra = [...other.ids].find((id) => !reference!.ids.has(id));
    if (missing !== undefined || extra !== undefined) {
      const label = (w: Walk) => `limit=${w.limit} order=${w.order}`;
      return {
        name,
        status: 'failed',
        detail: `${label(reference!.walk)} saw ${reference!.ids.size} jobs, ${label(other.walk)} saw ${other.ids.size}: ${missing !== undefined ? `${missing} is missing from the second` : `${extra} is only in the second`}`,
      };
    }
  }
  return { name, status: 'passed', detail: `${complete.length} complete walks saw the same ${reference!.ids.size} jobs` };
}

/** The gateway accepts a cursor with or without its `:<provider>` suffix; both must agree. */
async function cursorSuffixCheck(client: ListClient, provider: string, walks: Walk[]): Promise<CheckResult> {
  const name = 'cursor.provider-suffix';
  const walk = walks.find((w) => (w.pages[0]?.body?.data.length ?? 0) > 1);
  const cursor = walk?.pages[0]?.body?.data[0]?.id;
  if (!walk || !cursor) return { name, status: 'skipped', detail: 'no page with two jobs to take a cursor from' };
  const suffix = `:${provider}`;
  const bare = cursor.endsWith(suffix) ? cursor.slice(0, -suffix.length) : cursor;
  const query = { provider, limit: String(walk.limit), order: walk.order };
  const [withSuffix, without] = await Promise.all([
    client.get({ ...query, after: bare + suffix }),
    client.get({ ...query, after: bare }),
  ]);
  const ids = (page: typeof withSuffix) =>
    JSON.stringify(((page.body as { data?: { id?: string }[] } | undefined)?.data ?? []).map((v) => v.id));
  if (withSuffix.status !== 200 || without.status !== 200) {
    const failed = withSuffix.status !== 200 ? withSuffix : without;
    return { name, status: 'failed', detail: `a cursor was refused with ${failed.status}`, request: failed.url };
  }
  if (ids(withSuffix) !== ids(without)) {
    return { name, status: 'failed', detail: `after=${bare} and after=${bare}${suffix} give different pages`, request: without.url };
  }
  return { name, status: 'passed', detail: 'after works with and without the :provider suffix' };
}
