import type { CheckResult } from './CheckResult.js';
import { authChecks } from './authChecks.js';
import type { CreatedJob } from './cleanupJobs.js';
import type { TargetClient, TargetResponse } from './createTargetClient.js';
import { jobWriteChecks } from './jobWriteChecks.js';
import { toCheck, unexpectedStatus } from './judgeRefusal.js';
import { jobPath, notReadyCheck, retrieveChecks, type ReadContext } from './listedJobChecks.js';
import { mediaChecks } from './mediaChecks.js';
import { describeSightings, lifecycleProblem, pollJob, type Sighting } from './pollJob.js';
import { clampLimit, limitRange } from './walkLimits.js';

export interface LifecycleOptions {
  /** `provider/model`, as the gateway wants it. */
  model: string;
  /** Not the defaults (`4`, `720x1280`): a server that ignores what was asked shows in the media. */
  seconds: string;
  size: string;
  /** Give up polling a job after this long. */
  timeoutMs: number;
  /** Poll interval when the server sends no `openai-poll-after-ms`. */
  pollMs: number;
}

export const LIFECYCLE_PROMPT = 'A paper boat drifting down a rain gutter, verify round trip';
const JOB_STATUSES = ['queued', 'in_progress', 'completed', 'failed'];

/**
 * The job lifecycle (opt-in: it writes). One job of a non-default size and duration is created
 * and must head the `desc` list, be retrievable under its plain and percent-encoded id, refuse
 * its content until completed, move only forward through its statuses, and then serve media of
 * the size and duration asked for. Then the other writes (jobWriteChecks): bodies the schema
 * forbids or allows, remix, delete, and the cleanup of every job the run made.
 */
export async function lifecycleChecks(context: ReadContext, options: LifecycleOptions): Promise<CheckResult[]> {
  const { judge, contract, provider } = context;
  const create = contract.operations.get('createVideo');
  if (!create) return [{ name: 'lifecycle.create', status: 'skipped', detail: `${contract.spec.path} has no operation createVideo` }];
  const made: CreatedJob[] = [];
  const track = (response: TargetResponse) => {
    const id = (response.json as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') made.push({ id, path: jobPath(context, id) });
  };
  const body = { prompt: LIFECYCLE_PROMPT, model: options.model, seconds: options.seconds, size: options.size };
  const results = await authChecks(context.client, judge, [{ operationId: create.operationId, request: { method: 'POST', path: create.path, json: body } }], new Set(), track);

  // Every answer about the job, in order: how its status moved.
  let id = '';
  const sightings: Sighting[] = [];
  const client = watching(context.client, (response) => {
    const job = response.json as { id?: unknown; object?: unknown; status?: unknown; progress?: unknown } | undefined;
    if (response.status === 200 && job?.id === id && job.object === 'video') sightings.push({ status: job.status, progress: job.progress });
  });
  const watched = { ...context, client };

  const created = await context.client.send({ method: 'POST', path: create.path, json: body });
  const job = created.json as Record<string, unknown> | undefined;
  id = typeof job?.['id'] === 'string' ? job['id'] : '';
  const echo = (field: 'seconds' | 'size') => (job?.[field] !== undefined && job[field] !== null && String(job[field]) !== body[field] ? `${field} is ${JSON.stringify(job[field])}, asked for "${body[field]}"` : undefined);
  const createProblem =
    unexpectedStatus(created, true) ??
    judge(created) ??
    (job?.['object'] !== 'video' ? `object is ${JSON.stringify(job?.['object'])}, expected "video"` : undefined) ??
    (!id.endsWith(`:${provider}`) ? `id ${JSON.stringify(job?.['id'])} lacks the :${provider} suffix` : undefined) ??
    (!JOB_STATUSES.includes(String(job?.['status'])) ? `a new job has status ${JSON.stringify(job?.['status'])}` : undefined) ??
    echo('seconds') ??
    echo('size');
  results.push(toCheck('lifecycle.create', `${options.model}, ${options.size}, ${options.seconds} s`, created, createProblem ? { status: 'failed', detail: createProblem } : { status: 'passed', detail: `created ${id} (${String(job?.['status'])})` }, { json: body }));
  if (!id || !job) return [...results, ...(await jobWriteChecks(watched, { made, track, options }))];
  sightings.push({ status: job['status'], progress: job['progress'] });

  results.push(await listedFirstCheck(watched, id));
  results.push(await notReadyCheck(watched, { id }, `created job ${id}`));
  results.push(...(await retrieveChecks(watched, { ...job, id }, 'created job')));
  const path = jobPath(context, id);
  const outcome = await pollJob(client, judge, path, id, options);
  results.push(toCheck('lifecycle.poll', `created job ${id}`, outcome.last, outcome.problem ? { status: 'failed', detail: outcome.problem } : { status: 'passed', detail: `${String(outcome.status)} after ${outcome.polls} poll(s)` }));
  const order = lifecycleProblem(sightings);
  results.push({ name: 'lifecycle.status', scope: `created job ${id}`, status: order ? 'failed' : 'passed', detail: order ? `${order} (seen: ${describeSightings(sightings)})` : describeSightings(sightings), ...(order && { request: `GET ${outcome.last?.url ?? path}` }) });

  const completed = !outcome.problem && outcome.status === 'completed';
  if (completed) results.push(...(await mediaChecks(client, judge, path, { id, size: options.size, seconds: options.seconds }, `created job ${id} (${options.size}, ${options.seconds} s)`)));
  else results.push({ name: 'content.video', scope: `created job ${id}`, status: 'skipped', detail: outcome.problem ? 'the job never finished' : `the job failed (${JSON.stringify((outcome.last?.json as { error?: unknown } | undefined)?.error ?? null)}): no content` });
  // A job that never finished cannot be deleted now: the cleanup waits for it.
  if (outcome.status !== 'completed' && outcome.status !== 'failed') made.push({ id, path });
  return [...results, ...(await jobWriteChecks(watched, { made, track, options, main: { id, path, status: outcome.status } }))];
}

/** A job just created heads the `desc` list of its provider. */
async function listedFirstCheck(context: ReadContext, id: string): Promise<CheckResult> {
  const list = context.contract.operations.get('listVideos');
  if (!list) return { name: 'lifecycle.listed-first', status: 'skipped', detail: 'the spec has no listVideos' };
  const response = await context.client.send({ path: list.path, query: { provider: context.provider, order: 'desc', limit: String(clampLimit(10, limitRange(list))) } });
  const ids = ((response.json as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((item) => item.id);
  const at = ids.indexOf(id);
  const problem =
    unexpectedStatus(response) ??
    context.judge(response) ??
    (at < 0 ? `the new job is not on the first page of the desc list (first: ${String(ids[0] ?? 'none')})` : at > 0 ? `the new job is at position ${at + 1} of the desc list, not first` : undefined);
  return toCheck('lifecycle.listed-first', `created job ${id}`, response, problem ? { status: 'failed', detail: problem } : { status: 'passed', detail: 'first in the desc list' });
}

/** The client, telling `see` every answer. */
function watching(client: TargetClient, see: (response: TargetResponse) => void): TargetClient {
  return { ...client, send: async (request) => {
    const response = await client.send(request);
    see(response);
    return response;
  } };
}
