import { compileContract } from '../core/openapi/compileContract.js';
import { defaultSpecPath } from '../files/defaultSpecPath.js';
import { loadSpec } from '../files/loadSpec.js';
import { ConfigError } from '../core/errors/ConfigError.js';
import type { CheckResult, VerifyReport } from './CheckResult.js';
import { createTargetClient } from './createTargetClient.js';
import { crossWalkChecks } from './crossWalkChecks.js';
import { errorChecks } from './errorChecks.js';
import { createListClient, type ListClient } from './fetchList.js';
import { fullPagePlan } from './fullPagePlan.js';
import { lifecycleChecks } from './lifecycleChecks.js';
import { paginationChecks, walkIds } from './paginationChecks.js';
import { cursorSuffixCheck, defaultChecks } from './probeChecks.js';
import { tieChecks } from './tieChecks.js';
import { foreignProviderFor, verifyDefaults } from './verifyDefaults.js';
import { walkLimits, limitRange } from './walkLimits.js';
import { walkList } from './walkList.js';

export interface VerifyOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` unless `headers` carries a key. Default `sk-bf-verify`. */
  token?: string;
  /** Extra headers on every request, e.g. `{ 'x-bf-vk': key }`. */
  headers?: Record<string, string>;
  provider?: string;
  /** Pages per walk at most. */
  maxPages?: number;
  /** Page sizes to walk, each in both orders; each must be in the spec's `limit` range (default 100, 20, 7, moved into it). */
  limits?: readonly number[];
  /** Judge against this OpenAPI document instead of the bundled one. */
  specPath?: string;
  /** Skipped checks fail the run. */
  strict?: boolean;
  /** Per request, in ms. */
  timeoutMs?: number;
  /** Extra attempts for a 429 or 503, after the wait its `Retry-After` asks for. */
  retries?: number;
  /** A `Retry-After` longer than this is cut to it. */
  maxRetryWaitMs?: number;
  /** Requests in flight at most. */
  concurrency?: number;
  /** When false, an error without `error.param` is skipped instead of failed. */
  requireParam?: boolean;
  /** A provider that exists but cannot list. Default `gemini`. */
  cannotListProvider?: string;
  /** A provider whose ids are foreign cursors. Default `azure` (or `openai` when checking azure). */
  foreignProvider?: string;
  /** Create, poll, download and delete one job on the target. */
  lifecycle?: boolean;
  lifecycleModel?: string;
  lifecycleTimeoutMs?: number;
  lifecyclePollMs?: number;
  /** One line per stage or retry, for a progress display. */
  onProgress?: (message: string) => void;
}

/**
 * Crawls the list endpoint of any server and checks it against the contract: every response
 * against its schema, the pagination invariants no schema can express, every bad input the
 * spec implies, and (opt-in) the job round trip. Defaults are the CLI's (verifyDefaults).
 */
export async function verifyServer(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const o = { ...verifyDefaults, ...definedOnly(options) };
  const progress = options.onProgress ?? (() => {});
  const specPath = options.specPath ?? defaultSpecPath;
  const contract = compileContract(await loadSpec(specPath));
  const operation = contract.operations.get('listVideos');
  if (!operation) throw new ConfigError(`${specPath}: no operation with operationId listVideos`);
  // Before any request: a size the spec forbids would fail a server that is right to refuse it.
  const range = limitRange(operation);
  const limits = walkLimits(range, verifyDefaults.limits, options.limits, specPath);
  const smallest = String(range.min);
  const target = createTargetClient({
    baseUrl: options.baseUrl,
    token: o.token ?? verifyDefaults.token,
    ...(options.headers && { headers: options.headers }),
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    maxRetryWaitMs: o.maxRetryWaitMs,
    concurrency: o.concurrency,
    onRetry: (note) => progress(`retrying ${note.request} after ${note.status}, in ${note.waitedMs} ms`),
  });
  const client = createListClient(target, operation, o.timeoutMs);
  const provider = o.provider;
  const walk = (limit: number, order: 'asc' | 'desc', extra: { startAfter?: string; purpose?: string } = {}) => {
    // Said once the first page is in, so an unreachable server's error is the first line.
    const said = (pages: number) => pages === 1 && progress(`crawling limit=${limit} order=${order}${extra.purpose ? ` (${extra.purpose})` : ''}...`);
    return walkList(client, provider, limit, order, o.maxPages, said, extra);
  };

  const [walks, defaults, foreignId] = await Promise.all([
    Promise.all(limits.flatMap((limit) => (['desc', 'asc'] as const).map((order) => walk(limit, order)))),
    defaultChecks(client, operation, provider),
    firstId(client, o.foreignProvider ?? foreignProviderFor(provider), smallest),
  ]);
  const reference = walks.find((w) => w.end === 'complete');
  const plan = reference && fullPagePlan(walkIds(reference).length, range, limits);
  const cursor = walks.flatMap((w) => w.pages[0]?.body?.data ?? [])[0]?.id;

  progress('sending requests that must fail...');
  const [derived, errors, ties, suffix] = await Promise.all([
    Promise.all(
      plan
        ? (['desc', 'asc'] as const).map((order) => {
            const sameOrder = walks.find((w) => w.end === 'complete' && w.order === order);
            const sequence = sameOrder ? walkIds(sameOrder) : walkIds(reference).reverse();
            const startAfter = plan.skip > 0 ? sequence[plan.skip - 1] : undefined;
            return walk(plan.limit, order, { purpose: 'last page exactly full', ...(startAfter && { startAfter }) });
          })
        : [],
    ),
    errorChecks(client, operation, {
      provider,
      cannotList: o.cannotListProvider,
      requireParam: o.requireParam,
      ...(cursor && { cursor }),
      ...(foreignId && { foreignId }),
    }),
    tieChecks(client, provider, walks, range.min),
    cursorSuffixCheck(client, provider, walks),
  ]);
  const allWalks = [...walks, ...derived];
  const checks: CheckResult[] = [
    ...allWalks.flatMap((w) => paginationChecks(w)),
    ...crossWalkChecks(allWalks, provider),
    ties,
    suffix,
    ...defaults,
    ...errors,
  ];
  if (!foreignId) checks.push({ name: 'errors.foreign-cursor', status: 'skipped', detail: `could not list ${o.foreignProvider ?? foreignProviderFor(provider)} to take a foreign id from` });
  if (o.lifecycle) {
    progress('lifecycle: create, poll, content, delete...');
    checks.push(...(await lifecycleChecks(target, contract, { provider, model: o.lifecycleModel ?? `${provider}/sora-2`, timeoutMs: o.lifecycleTimeoutMs, pollMs: o.lifecyclePollMs })));
  }

  const nothingVerified = !checks.some((c) => c.name === 'pagination.walk' && c.status === 'passed');
  const failed = checks.some((c) => c.status === 'failed') || (o.strict && checks.some((c) => c.status === 'skipped'));
  return {
    baseUrl: options.baseUrl,
    provider,
    specPath,
    requests: target.requests(),
    retries: [...target.retries()],
    checks,
    strict: o.strict,
    nothingVerified,
    passed: !failed && !nothingVerified,
    durationMs: performance.now() - started,
  };
}

/** The id of the first job another provider lists, or undefined when it cannot be had. */
async function firstId(client: ListClient, provider: string, limit: string): Promise<string | undefined> {
  const page = await client.get({ provider, limit });
  const id = (page.body as { data?: { id?: unknown }[] } | undefined)?.data?.[0]?.id;
  return page.status === 200 && typeof id === 'string' ? id : undefined;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
