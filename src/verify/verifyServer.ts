import { compileContract, type Contract } from '../core/openapi/compileContract.js';
import { defaultSpecPath } from '../files/defaultSpecPath.js';
import { loadSpec } from '../files/loadSpec.js';
import { ConfigError } from '../core/errors/ConfigError.js';
import { authChecks, type AuthProbe } from './authChecks.js';
import type { CheckResult, VerifyReport } from './CheckResult.js';
import { createCoverage } from './coverage.js';
import { createTargetClient } from './createTargetClient.js';
import { createListClient } from './fetchList.js';
import { createOperationFinder, fillPath } from './findOperation.js';
import { createResponseJudge } from './judgeResponse.js';
import { LIFECYCLE_PROMPT, lifecycleChecks, type LifecycleOptions } from './lifecycleChecks.js';
import { listChecks } from './listChecks.js';
import { listedJobChecks, unknownVideoId, type Job } from './listedJobChecks.js';
import { methodChecks } from './methodChecks.js';
import { otherOperationChecks } from './otherOperationChecks.js';
import { verifyDefaults } from './verifyDefaults.js';
import { limitRange, VerifyOptionError, walkLimits } from './walkLimits.js';

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
  /** Skipped checks and warnings fail the run. */
  strict?: boolean;
  /** Per request, in ms. */
  timeoutMs?: number;
  /** Extra attempts for a 429 or 503, after the wait its `Retry-After` asks for. */
  retries?: number;
  /** A `Retry-After` longer than this is cut to it. */
  maxRetryWaitMs?: number;
  /** Requests in flight at most. */
  concurrency?: number;
  /**
   * @deprecated No effect: an error without `error.param` is now a warning (a failure only
   * under `strict`). Kept so existing callers still compile.
   */
  requireParam?: boolean;
  /** A provider that exists but cannot list. Default `gemini`. */
  cannotListProvider?: string;
  /** A provider whose ids are foreign cursors. Default `azure` (or `openai` when checking azure). */
  foreignProvider?: string;
  /** Also run the operations that write (create, remix, delete): the job lifecycle. */
  lifecycle?: boolean;
  lifecycleModel?: string;
  /** The lifecycle job's duration and size: allowed, and not the defaults. Default `8`, `1280x720`. */
  lifecycleSeconds?: string;
  lifecycleSize?: string;
  lifecycleTimeoutMs?: number;
  lifecyclePollMs?: number;
  /** One line per stage or retry, for a progress display. */
  onProgress?: (message: string) => void;
}

/**
 * Checks any server against the contract: the list (every response against its schema, the
 * pagination invariants no schema can express, every bad input the spec implies), what can be
 * read of retrieve and download from listed jobs, credentials and methods on every route, and
 * (opt-in, it writes) the job lifecycle. Defaults are the CLI's (verifyDefaults).
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
  const lifecycle = {
    model: o.lifecycleModel ?? `${o.provider}/sora-2`,
    seconds: o.lifecycleSeconds,
    size: o.lifecycleSize,
    timeoutMs: o.lifecycleTimeoutMs,
    pollMs: o.lifecyclePollMs,
  };
  if (o.lifecycle) checkLifecycleBody(contract, lifecycle, specPath);
  const find = createOperationFinder(contract, options.baseUrl);
  const coverage = createCoverage(contract, find);
  const target = createTargetClient({
    baseUrl: options.baseUrl,
    token: o.token ?? verifyDefaults.token,
    ...(options.headers && { headers: options.headers }),
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    maxRetryWaitMs: o.maxRetryWaitMs,
    concurrency: o.concurrency,
    onRetry: (note) => progress(`retrying ${note.request} after ${note.status}, in ${note.waitedMs} ms`),
    onResponse: coverage.record,
  });
  const judge = createResponseJudge(contract, find, o.timeoutMs);
  const provider = o.provider;
  const list = await listChecks(createListClient(target, operation, o.timeoutMs), operation, {
    provider,
    limits,
    range,
    maxPages: o.maxPages,
    cannotListProvider: o.cannotListProvider,
    ...(options.foreignProvider && { foreignProvider: options.foreignProvider }),
    progress,
  });
  const checks: CheckResult[] = [...list.checks];

  progress('retrieving and downloading listed jobs...');
  const context = { client: target, judge, contract, provider };
  const listed = (list.walks.find((w) => w.end === 'complete' && w.order === 'desc') ?? list.walks[0])?.pages.flatMap((p) => (p.body?.data ?? []) as unknown as Job[]) ?? [];
  checks.push(...(await listedJobChecks(context, listed)));
  const someJob = listed.find((job) => job['status'] === 'completed') ?? listed[0];
  const probes: AuthProbe[] = [{ operationId: operation.operationId, request: { path: operation.path, query: { provider } } }];
  for (const [operationId, suffix] of [['retrieveVideo', ''], ['downloadVideoContent', '/content']] as const) {
    const read = contract.operations.get(operationId);
    if (read && someJob) probes.push({ operationId, request: { path: fillPath(read.path, { video_id: someJob.id }), headers: { accept: suffix ? '*/*' : 'application/json' } } });
  }
  // The list's no-credentials case is errors.no-auth.
  checks.push(...(await authChecks(target, judge, probes, new Set([operation.operationId]))));
  checks.push(...(await methodChecks(target, judge, contract, { video_id: unknownVideoId(provider) }, o.lifecycle)));
  checks.push(...(await otherOperationChecks(context, o.lifecycle)));
  if (o.lifecycle) {
    progress('lifecycle: create, poll, content, remix, delete...');
    checks.push(...(await lifecycleChecks(context, lifecycle)));
  }

  const nothingVerified = !checks.some((c) => c.name === 'pagination.walk' && c.status === 'passed');
  const failed = checks.some((c) => c.status === 'failed') || (o.strict && checks.some((c) => c.status === 'skipped' || c.status === 'warning'));
  return {
    baseUrl: options.baseUrl,
    provider,
    specPath,
    requests: target.requests(),
    retries: [...target.retries()],
    checks,
    coverage: coverage.rows(),
    strict: o.strict,
    nothingVerified,
    passed: !failed && !nothingVerified,
    durationMs: performance.now() - started,
  };
}

/** Before any request: a lifecycle job the spec's schema refuses would fail a server that is right to refuse it. */
function checkLifecycleBody(contract: Contract, job: LifecycleOptions, specPath: string): void {
  const create = contract.operations.get('createVideo');
  const problem = create?.requestBody?.validate('application/json', { prompt: LIFECYCLE_PROMPT, model: job.model, seconds: job.seconds, size: job.size });
  const option = { model: 'lifecycleModel', seconds: 'lifecycleSeconds', size: 'lifecycleSize' }[problem?.field ?? ''];
  if (problem && option) throw new VerifyOptionError(option, `${JSON.stringify(job[problem.field as 'model'])} ${problem.reason} (the ${problem.field} of createVideo in ${specPath})`);
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
