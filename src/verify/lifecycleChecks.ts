import type { Contract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import type { TargetClient, TargetResponse } from './createTargetClient.js';

export interface LifecycleOptions {
  provider: string;
  /** `provider/model`, as the gateway wants it. */
  model: string;
  /** Give up polling after this long. */
  timeoutMs: number;
  /** Poll interval when the server sends no `openai-poll-after-ms`. */
  pollMs: number;
}

type Video = { id?: unknown; object?: unknown; status?: unknown; error?: { code?: unknown } };

/**
 * The job round trip (opt-in: it creates a job on the target): create, poll until the job is
 * done, download its content, delete it. Each step's answer is judged against the spec when the
 * spec declares that operation, and against the gateway's shapes either way.
 */
export async function lifecycleChecks(client: TargetClient, contract: Contract, options: LifecycleOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const suffix = `:${options.provider}`;
  const step = (name: string, response: TargetResponse | undefined, problem: string | undefined, ok: string): boolean => {
    const base = { name: `lifecycle.${name}`, durationMs: response?.durationMs ?? 0 };
    if (problem === undefined) results.push({ ...base, status: 'passed', detail: ok });
    else results.push({ ...base, status: 'failed', detail: problem, ...(response && { request: `${response.method} ${response.url}` }) });
    return problem === undefined;
  };
  const skipRest = (from: string[], why: string) => from.forEach((name) => results.push({ name: `lifecycle.${name}`, status: 'skipped', detail: why }));

  const created = await client.send({ method: 'POST', path: '/v1/videos', json: { prompt: 'A paper boat drifting down a rain gutter, verify round trip', model: options.model, seconds: '4', size: '720x1280' } });
  const job = created.json as Video | undefined;
  const id = typeof job?.id === 'string' ? job.id : undefined;
  const createProblem =
    expectStatus(created, 200) ?? judged(contract, created) ?? (job?.object !== 'video' ? `object is ${JSON.stringify(job?.object)}, expected "video"` : undefined) ??
    (!id?.endsWith(suffix) ? `id ${JSON.stringify(job?.id)} lacks the ${suffix} suffix` : undefined) ??
    (job?.status !== 'queued' && job?.status !== 'in_progress' && job?.status !== 'completed' ? `a new job has status ${JSON.stringify(job?.status)}` : undefined);
  if (!step('create', created, createProblem, `created ${id} (${String(job?.status)})`) || !id) {
    skipRest(['poll', 'content', 'delete'], 'the job was not created');
    return results;
  }

  // `:` stays as it is: the gateway splits the id on it.
  const path = `/v1/videos/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
  const deadline = Date.now() + options.timeoutMs;
  let polled: TargetResponse | undefined;
  let status: unknown;
  let polls = 0;
  let pollProblem: string | undefined;
  for (;;) {
    polled = await client.send({ path });
    polls += 1;
    status = (polled.json as Video | undefined)?.status;
    pollProblem = expectStatus(polled, 200) ?? judged(contract, polled) ?? ((polled.json as Video | undefined)?.id !== id ? `retrieve gave id ${JSON.stringify((polled.json as Video | undefined)?.id)}` : undefined);
    if (pollProblem || status === 'completed' || status === 'failed') break;
    if (status !== 'queued' && status !== 'in_progress') {
      pollProblem = `status ${JSON.stringify(status)} is not a job status`;
      break;
    }
    if (Date.now() >= deadline) {
      pollProblem = `still ${String(status)} after ${polls} polls in ${options.timeoutMs} ms (--lifecycle-timeout)`;
      break;
    }
    const asked = Number(polled.headers.get('openai-poll-after-ms'));
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(asked) && asked > 0 ? Math.min(asked, 10_000) : options.pollMs));
  }
  step('poll', polled, pollProblem, `${String(status)} after ${polls} poll(s)`);

  if (pollProblem) skipRest(['content'], 'the job never finished');
  else if (status === 'failed') skipRest(['content'], `the job failed (${String((polled.json as Video).error?.code)}): no content to download`);
  else {
    const content = await client.send({ path: `${path}/content`, query: { variant: 'video' } });
    const type = content.headers.get('content-type') ?? '';
    const length = content.headers.get('content-length');
    const contentProblem =
      expectStatus(content, 200) ?? (!type.startsWith('video/') ? `Content-Type is ${JSON.stringify(type)}, expected video/...` : undefined) ??
      (content.bytes.length === 0 ? 'the content is empty' : undefined) ??
      (length !== null && Number(length) !== content.bytes.length ? `Content-Length says ${length}, the body has ${content.bytes.length} bytes` : undefined);
    step('content', content, contentProblem, `${content.bytes.length} bytes of ${type}`);
  }

  const deleted = await client.send({ method: 'DELETE', path });
  const receipt = deleted.json as { id?: unknown; object?: unknown; deleted?: unknown } | undefined;
  let deleteProblem =
    expectStatus(deleted, 200) ?? judged(contract, deleted) ??
    (receipt?.object !== 'video.deleted' || receipt.deleted !== true || receipt.id !== id ? `the receipt is ${JSON.stringify(receipt)}, expected {id: "${id}", object: "video.deleted", deleted: true}` : undefined);
  if (!deleteProblem) {
    const after = await client.send({ path });
    if (after.status === 200) {
      deleteProblem = 'the job is still retrievable after delete';
      step('delete', after, deleteProblem, '');
      return results;
    }
  }
  step('delete', deleted, deleteProblem, 'deleted, and gone afterwards');
  return results;
}

function expectStatus(response: TargetResponse, status: number): string | undefined {
  if (response.status === status) return undefined;
  const message = (response.json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return `answered ${response.status || 'nothing'}, expected ${status}${typeof message === 'string' ? `: ${message}` : ''}`;
}

/** Problems by the spec's schema for this route, when the spec declares it. */
function judged(contract: Contract, response: TargetResponse): string | undefined {
  const path = new URL(response.url).pathname;
  for (const operation of contract.operations.values()) {
    const pattern = new RegExp(`${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (operation.method !== response.method || !pattern.test(path)) continue;
    const { problems } = operation.validateResponse(response.status, response.json);
    return problems.length > 0 ? `the ${response.status} body breaks the spec: ${problems.slice(0, 3).join('; ')}` : undefined;
  }
  return undefined;
}
