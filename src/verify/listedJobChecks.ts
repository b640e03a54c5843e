import type { Contract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { TargetClient, TargetResponse } from './createTargetClient.js';
import { fillPath } from './findOperation.js';
import { forbiddenParameters } from './forbiddenRequests.js';
import { judgeRefusal, toCheck, unexpectedStatus } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';
import { mediaChecks } from './mediaChecks.js';
import { forbiddenRequestChecks, repeatedQueryChecks } from './requestSchemaChecks.js';

export type Job = Record<string, unknown> & { id: string };

export interface ReadContext {
  client: TargetClient;
  judge: ResponseJudge;
  contract: Contract;
  provider: string;
}

/** No job has this id, yet it has the gateway's shape (`<id>:<provider>`). */
export const unknownVideoId = (provider: string) => `video_0000000000000000000000000000000000000000deadbeef:${provider}`;
/** The fields of a job that never change: retrieve must show them as the list did. */
const FIXED_FIELDS = ['model', 'prompt', 'size', 'seconds', 'created_at'];

/**
 * What can be checked of retrieve and download without writing anything, from jobs the list
 * showed: a listed job is retrievable under its plain and percent-encoded id and shows what the
 * list showed; its media match it; a job that is not completed has no content; an unknown id
 * is a 404; every parameter value the spec forbids is a 4xx naming the parameter.
 */
export async function listedJobChecks(context: ReadContext, listed: readonly Job[]): Promise<CheckResult[]> {
  const { client, judge, contract, provider } = context;
  const retrieve = contract.operations.get('retrieveVideo');
  const download = contract.operations.get('downloadVideoContent');
  const completed = listed.find((job) => job['status'] === 'completed' && typeof job['size'] === 'string');
  const notReady = listed.find((job) => job['status'] === 'queued' || job['status'] === 'in_progress' || job['status'] === 'failed');
  const skip = (name: string, detail: string): CheckResult => ({ name, status: 'skipped', detail });
  const results: CheckResult[] = [];

  if (retrieve) {
    results.push(...(await retrieveChecks(context, completed ?? listed[0])));
    const unknown = await client.send({ path: fillPath(retrieve.path, { video_id: unknownVideoId(provider) }) });
    results.push(toCheck('retrieve.unknown-id', `${unknownVideoId(provider)}`, unknown, judgeRefusal(unknown, judge, { status: 404, param: 'video_id', paramExpected: false })));
  }
  if (download) {
    if (!completed) results.push(skip('content.video', 'no listed job is completed'));
    else results.push(...(await mediaChecks(client, judge, jobPath(context, completed.id), media(completed), `listed job ${completed.id}`)));
    if (!notReady) results.push(skip('content.not-ready', 'no listed job is queued, in progress or failed'));
    else results.push(await notReadyCheck(context, notReady, `listed job ${notReady.id} (${String(notReady['status'])})`));
  }
  for (const operation of [retrieve, download]) {
    if (!operation || !(completed ?? listed[0])) continue;
    const valid = { path: { video_id: (completed ?? listed[0])!.id }, query: {} };
    results.push(...(await forbiddenRequestChecks(client, judge, operation, forbiddenParameters(operation, valid))));
    results.push(...(await repeatedQueryChecks(client, judge, operation, valid)));
  }
  return results;
}

/** Retrieve under the plain id (`:` as it is) and percent-encoded (`%3A`): the same job both times. */
export async function retrieveChecks(context: ReadContext, job: Job | undefined, scope = 'listed job'): Promise<CheckResult[]> {
  if (!job) return [{ name: 'retrieve.job', status: 'skipped', detail: 'no job to retrieve' }];
  const { client, judge } = context;
  const plain = await client.send({ path: jobPath(context, job.id) });
  const encoded = await client.send({ path: jobPath(context, job.id, { encoded: true }) });
  const judgeOne = (response: TargetResponse) => {
    if (response.status !== 200) return { status: 'failed' as const, detail: unexpectedStatus(response)! };
    const body = response.json as Record<string, unknown> | undefined;
    const differs = FIXED_FIELDS.find((field) => job[field] !== undefined && body?.[field] !== undefined && JSON.stringify(body[field]) !== JSON.stringify(job[field]));
    const problem =
      judge(response) ??
      (body?.['id'] !== job.id ? `answered the job ${JSON.stringify(body?.['id'])}, asked for ${job.id}` : undefined) ??
      (differs ? `${differs} is ${JSON.stringify(body?.[differs])}, the ${scope} had ${JSON.stringify(job[differs])}` : undefined);
    return problem ? { status: 'failed' as const, detail: problem } : { status: 'passed' as const, detail: `200, ${job.id} (${String(body?.['status'])})` };
  };
  return [toCheck('retrieve.job', `${scope} ${job.id}`, plain, judgeOne(plain)), toCheck('retrieve.encoded-id', `${scope} ${encodeURIComponent(job.id)}`, encoded, judgeOne(encoded))];
}

/**
 * Content of a job that is not completed must be refused (a spec-valid 4xx). A job may finish
 * between the two requests: a 200 counts against the server only if the job is still not
 * completed right after.
 */
export async function notReadyCheck(context: ReadContext, job: Job, scope: string): Promise<CheckResult> {
  const { client, judge } = context;
  const content = await client.send({ path: `${jobPath(context, job.id)}/content`, headers: { accept: '*/*' } });
  if (content.status >= 200 && content.status < 300) {
    const now = await client.send({ path: jobPath(context, job.id) });
    const status = (now.json as { status?: unknown } | undefined)?.status;
    if (status === 'completed') return toCheck('content.not-ready', scope, content, { status: 'skipped', detail: 'the job completed before its content was asked for' });
    return toCheck('content.not-ready', scope, content, { status: 'failed', detail: `answered ${content.status} with ${content.bytes.length} bytes for a job that is ${String(status)}, expected a 4xx` });
  }
  return toCheck('content.not-ready', scope, content, judgeRefusal(content, judge, { status: '4xx' }));
}

/** The job's path (retrieve's), its id as it is but for `/`, or wholly percent-encoded (`:` as `%3A`). */
export function jobPath({ contract }: Pick<ReadContext, 'contract'>, id: string, { encoded = false } = {}): string {
  const template = contract.operations.get('retrieveVideo')?.path ?? '/v1/videos/{video_id}';
  return encoded ? template.replace('{video_id}', encodeURIComponent(id)) : fillPath(template, { video_id: id });
}

export function media(job: Job): { id: string; size: string; seconds: string | null } {
  return { id: job.id, size: String(job['size']), seconds: typeof job['seconds'] === 'string' ? job['seconds'] : null };
}
