import type { CheckResult } from './CheckResult.js';
import { authChecks } from './authChecks.js';
import { cleanupJobs, type CreatedJob } from './cleanupJobs.js';
import type { TargetResponse } from './createTargetClient.js';
import { fillPath } from './findOperation.js';
import { bodySchema, forbiddenBodies, forbiddenParameters, requiredOf } from './forbiddenRequests.js';
import { judgeRefusal, messageOf, toCheck, unexpectedStatus } from './judgeRefusal.js';
import { LIFECYCLE_PROMPT, type LifecycleOptions } from './lifecycleChecks.js';
import { unknownVideoId, type ReadContext } from './listedJobChecks.js';
import { allowedRequestCheck, forbiddenRequestChecks } from './requestSchemaChecks.js';
import { clampLimit, limitRange } from './walkLimits.js';

export interface WriteState {
  /** Jobs the run made that it must delete at the end. */
  made: CreatedJob[];
  /** Adds the job an accepted create or remix answered with to `made`. */
  track: (response: TargetResponse) => void;
  options: LifecycleOptions;
  /** The lifecycle's job, when it was created; `status` as polling left it. */
  main?: { id: string; path: string; status: unknown };
}

const REMIX_PROMPT = 'The same boat, now at night under street lights';

/**
 * The writes beyond the first job: create bodies the schema forbids (a 4xx naming the field) and
 * the smallest ones it allows (accepted, in each media type); remix, which must name its source;
 * delete, after which the job answers 404 and leaves the list; then every other job made is deleted.
 */
export async function jobWriteChecks(context: ReadContext, state: WriteState): Promise<CheckResult[]> {
  const { client, judge, contract } = context;
  const { made, track, options, main } = state;
  const results: CheckResult[] = [];
  const create = contract.operations.get('createVideo')!;
  const base = { prompt: LIFECYCLE_PROMPT, model: options.model, seconds: options.seconds, size: options.size };
  results.push(...(await forbiddenRequestChecks(client, judge, create, forbiddenBodies(contract, create, base, {}), track)));
  for (const mediaType of create.requestBody?.mediaTypes ?? []) {
    const form = mediaType === 'multipart/form-data';
    if (!form && !/json/.test(mediaType)) continue;
    const required = requiredOf(bodySchema(contract, create, mediaType));
    const smallest = Object.fromEntries(required.filter((field) => field in base).map((field) => [field, base[field as keyof typeof base]]));
    const scope = `${create.operationId} (${mediaType}): only the required fields (${required.join(', ') || 'none'})`;
    const { check, response } = await allowedRequestCheck(client, judge, { method: 'POST', path: create.path, ...(form ? { form: smallest } : { json: smallest }) }, scope);
    if (response.status >= 200 && response.status < 300) track(response);
    results.push(check);
  }
  if (main) results.push(...(await remixChecks(context, state, main)), ...(await deleteChecks(context, main)));
  results.push(await cleanupJobs(client, made, options));
  return results;
}

async function remixChecks(context: ReadContext, { track }: WriteState, main: NonNullable<WriteState['main']>): Promise<CheckResult[]> {
  const { client, judge, contract } = context;
  const remix = contract.operations.get('remixVideo');
  if (!remix) return [];
  if (main.status !== 'completed') return [{ name: 'lifecycle.remix', status: 'skipped', detail: `the job to remix is ${String(main.status)}, not completed` }];
  const path = fillPath(remix.path, { video_id: main.id });
  const body = { prompt: REMIX_PROMPT };
  const results = await authChecks(client, judge, [{ operationId: remix.operationId, request: { method: 'POST', path, json: body } }], new Set(), track);
  const badIds = forbiddenParameters(remix, { path: { video_id: main.id }, query: {} }).map((c) => ({ ...c, json: body }));
  results.push(...(await forbiddenRequestChecks(client, judge, remix, [...forbiddenBodies(contract, remix, body, { video_id: main.id }), ...badIds], track)));
  const answer = await client.send({ method: 'POST', path, json: body });
  const job = answer.json as { id?: unknown; remixed_from_video_id?: unknown; error?: { code?: unknown } } | undefined;
  if (answer.status >= 200 && answer.status < 300) track(answer);
  if (answer.status === 400 && job?.error?.code === 'unsupported_operation') {
    results.push(toCheck('lifecycle.remix', `remix of ${main.id}`, answer, { status: 'skipped', detail: `the provider does not remix${messageOf(answer)}` }));
    return results;
  }
  const problem =
    unexpectedStatus(answer, true) ??
    judge(answer) ??
    (job?.remixed_from_video_id !== main.id ? `remixed_from_video_id is ${JSON.stringify(job?.remixed_from_video_id)}, expected "${main.id}"` : undefined) ??
    (job?.id === main.id || typeof job?.id !== 'string' ? `the remix has the id ${JSON.stringify(job?.id)}, expected a new job's` : undefined);
  results.push(toCheck('lifecycle.remix', `remix of ${main.id}`, answer, problem ? { status: 'failed', detail: problem } : { status: 'passed', detail: `${String(job?.id)} names its source` }, { json: body }));
  return results;
}

async function deleteChecks(context: ReadContext, main: NonNullable<WriteState['main']>): Promise<CheckResult[]> {
  const { client, judge, contract, provider } = context;
  const remove = contract.operations.get('deleteVideo');
  if (!remove) return [];
  if (main.status !== 'completed' && main.status !== 'failed') return [{ name: 'lifecycle.delete', status: 'skipped', detail: `the job is ${String(main.status)}: only a finished job can be deleted` }];
  const path = fillPath(remove.path, { video_id: main.id });
  const results = await authChecks(client, judge, [{ operationId: remove.operationId, request: { method: 'DELETE', path } }]);
  results.push(...(await forbiddenRequestChecks(client, judge, remove, forbiddenParameters(remove, { path: { video_id: main.id }, query: {} }))));
  const unknown = await client.send({ method: 'DELETE', path: fillPath(remove.path, { video_id: unknownVideoId(provider) }) });
  results.push(toCheck('delete.unknown-id', unknownVideoId(provider), unknown, judgeRefusal(unknown, judge, { status: 404, param: 'video_id', paramExpected: false })));

  const deleted = await client.send({ method: 'DELETE', path });
  const receipt = deleted.json as { id?: unknown; object?: unknown; deleted?: unknown } | undefined;
  let problem =
    unexpectedStatus(deleted, true) ??
    judge(deleted) ??
    (receipt?.object !== 'video.deleted' || receipt.deleted !== true || receipt.id !== main.id ? `the receipt is ${JSON.stringify(receipt)}, expected {id: "${main.id}", object: "video.deleted", deleted: true}` : undefined);
  let shown = deleted;
  if (!problem) {
    shown = await client.send({ path: main.path });
    const gone = judgeRefusal(shown, judge, { status: 404, param: 'video_id', paramExpected: false });
    if (gone.status === 'failed') problem = shown.status === 200 ? 'the job is still retrievable after delete' : `retrieve after delete: ${gone.detail}`;
  }
  results.push(toCheck('lifecycle.delete', `created job ${main.id}`, shown, problem ? { status: 'failed', detail: problem } : { status: 'passed', detail: 'deleted, and 404 afterwards' }));

  const list = contract.operations.get('listVideos');
  if (list) {
    const page = await client.send({ path: list.path, query: { provider, order: 'desc', limit: String(clampLimit(100, limitRange(list))) } });
    const ids = ((page.json as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((item) => item.id);
    const listed = page.status !== 200 ? `the list answered ${page.status}${messageOf(page)}` : ids.includes(main.id) ? `the deleted job is still listed, at position ${ids.indexOf(main.id) + 1}` : undefined;
    results.push(toCheck('lifecycle.unlisted', `deleted job ${main.id}`, page, listed ? { status: 'failed', detail: listed } : { status: 'passed', detail: `not among the ${ids.length} newest jobs` }));
  }
  return results;
}
