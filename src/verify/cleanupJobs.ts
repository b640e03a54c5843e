import type { CheckResult } from './CheckResult.js';
import type { TargetClient } from './createTargetClient.js';
import { messageOf } from './judgeRefusal.js';
import { pollJob } from './pollJob.js';

export interface CreatedJob {
  id: string;
  /** Retrieve's path for it. */
  path: string;
}

/**
 * Deletes every job the run made beside the one whose delete is itself checked (remixes, creates
 * of allowed bodies, forbidden bodies a server wrongly took). Only finished jobs can be deleted,
 * so one still running is polled until it finishes first. What cannot be deleted is a warning
 * naming it: the target is left as the run found it wherever it can be.
 */
export async function cleanupJobs(client: TargetClient, jobs: readonly CreatedJob[], timing: { timeoutMs: number; pollMs: number }): Promise<CheckResult> {
  const name = 'lifecycle.cleanup';
  if (jobs.length === 0) return { name, status: 'passed', detail: 'no other job was made' };
  const started = performance.now();
  const left = (
    await Promise.all(
      jobs.map(async (job): Promise<string | undefined> => {
        const first = await client.send({ method: 'DELETE', path: job.path });
        if (first.status >= 200 && first.status < 300) return undefined;
        // Only to wait: what the answers say was judged where it mattered (a wrongly accepted body's job may break the spec).
        const finished = await pollJob(client, () => undefined, job.path, job.id, timing);
        if (finished.problem && finished.status !== 'completed' && finished.status !== 'failed') return `${job.id} (${finished.problem})`;
        const again = await client.send({ method: 'DELETE', path: job.path });
        return again.status >= 200 && again.status < 300 ? undefined : `${job.id} (delete answered ${again.status}${messageOf(again)})`;
      }),
    )
  ).filter((why): why is string => why !== undefined);
  const durationMs = performance.now() - started;
  if (left.length > 0) return { name, status: 'warning', detail: `${left.length} of ${jobs.length} job(s) the run made are left on the target: ${left.join('; ')}`, durationMs };
  return { name, status: 'passed', detail: `deleted the ${jobs.length} other job(s) the run made`, durationMs };
}
