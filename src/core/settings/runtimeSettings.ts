import { createClock } from '../clock/createClock.js';
import type { RuntimeSettings } from '../createRuntime.js';
import type { Latency } from '../faults/FaultRule.js';
import { createJobStore } from '../jobs/createJobStore.js';
import type { WorldSettings } from './resolveWorldOptions.js';

/**
 * What a runtime is built with, from a host's checked world settings: its instant in unix
 * seconds, and the state a reload keeps (the clock, the store of created jobs and deletions,
 * the salt of created ids: random per server, 0 for in-process hosts, whose ids repeat).
 */
export function runtimeSettings(world: WorldSettings, { instanceSalt, latency }: { instanceSalt: number; latency?: Latency | undefined }): RuntimeSettings {
  return {
    seed: world.seed,
    jobs: world.jobs,
    now: Math.floor(world.now.getTime() / 1000),
    renderSpeed: world.renderSpeed,
    ...(latency !== undefined && { latency }),
    state: {
      clock: createClock({ mode: world.clockMode, start: world.now.getTime() }),
      store: createJobStore({ maxCreated: world.maxCreatedJobs, maxCreatedBytes: world.maxCreatedJobsBytes }),
      instanceSalt,
    },
  };
}
