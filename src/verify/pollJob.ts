import type { TargetClient, TargetResponse } from './createTargetClient.js';
import { unexpectedStatus } from './judgeRefusal.js';
import type { ResponseJudge } from './judgeResponse.js';

/** What one answer said of a job. */
export interface Sighting {
  status: unknown;
  progress: unknown;
}

export interface PollOutcome {
  /** The last answer. */
  last?: TargetResponse;
  status: unknown;
  polls: number;
  /** Why polling stopped before the job finished, or an answer that broke the spec. */
  problem?: string;
}

/** A server asking for longer waits than this between polls is polled this often instead. */
const MAX_POLL_WAIT_MS = 10_000;
const RANK: Record<string, number> = { queued: 0, in_progress: 1, completed: 2, failed: 2 };

/**
 * Retrieves the job until it is completed or failed, waiting between polls as its
 * `openai-poll-after-ms` asks (else `pollMs`). Each answer must be a spec-valid 200 for this job.
 */
export async function pollJob(client: TargetClient, judge: ResponseJudge, path: string, id: string, { timeoutMs, pollMs }: { timeoutMs: number; pollMs: number }): Promise<PollOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls += 1) {
    const last = await client.send({ path });
    const body = last.json as { id?: unknown; status?: unknown } | undefined;
    const status = body?.status;
    const problem =
      unexpectedStatus(last) ??
      judge(last) ??
      (body?.id !== id ? `retrieve gave the job ${JSON.stringify(body?.id)}, asked for ${id}` : undefined) ??
      (!(typeof status === 'string' && status in RANK) ? `status ${JSON.stringify(status)} is not a job status` : undefined);
    if (problem) return { last, status, polls, problem };
    if (status === 'completed' || status === 'failed') return { last, status, polls };
    if (Date.now() >= deadline) return { last, status, polls, problem: `still ${String(status)} after ${polls} polls in ${timeoutMs} ms (--lifecycle-timeout)` };
    const asked = Number(last.headers.get('openai-poll-after-ms'));
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_POLL_WAIT_MS) : pollMs));
  }
}

/**
 * How a job's status moved, as seen in order, broke the lifecycle: it only moves forward,
 * `queued` → `in_progress` → `completed` or `failed`; a render shows as `in_progress` before it
 * completes; `progress` never falls, and is 100 once completed (when it is given).
 */
export function lifecycleProblem(sightings: readonly Sighting[]): string | undefined {
  for (let i = 1; i < sightings.length; i += 1) {
    const before = sightings[i - 1]!;
    const now = sightings[i]!;
    const [from, to] = [String(before.status), String(now.status)];
    if (from === to) {
      if (typeof before.progress === 'number' && typeof now.progress === 'number' && now.progress < before.progress) {
        return `progress fell from ${before.progress} to ${now.progress} while ${to}`;
      }
      continue;
    }
    if ((RANK[to] ?? -1) < (RANK[from] ?? -1) || RANK[from] === 2) return `status went from ${from} back to ${to}`;
    if (from === 'queued' && to === 'completed') return 'status jumped from queued to completed: the job was never seen in_progress';
    if (typeof before.progress === 'number' && typeof now.progress === 'number' && now.progress < before.progress) {
      return `progress fell from ${before.progress} to ${now.progress} as the job went ${from} → ${to}`;
    }
  }
  const last = sightings[sightings.length - 1];
  if (last?.status === 'completed' && typeof last.progress === 'number' && last.progress !== 100) return `a completed job shows progress ${last.progress}, not 100`;
  return undefined;
}

/** `queued(0) → in_progress(40) → completed(100)`, for the report. */
export function describeSightings(sightings: readonly Sighting[]): string {
  const steps: string[] = [];
  for (const s of sightings) {
    const step = `${String(s.status)}${typeof s.progress === 'number' ? `(${s.progress})` : ''}`;
    if (steps[steps.length - 1] !== step) steps.push(step);
  }
  return steps.length > 8 ? [...steps.slice(0, 3), '...', ...steps.slice(-4)].join(' → ') : steps.join(' → ');
}
