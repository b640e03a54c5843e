import { createClock, type ClockMode } from '../../src/clock/createClock.js';
import { createDataset, type Dataset } from '../../src/data/createDataset.js';
import type { ProviderCatalog } from '../../src/data/providerCatalog.js';
import { createJobStore, defaultJobStoreLimits, type JobStoreLimits } from '../../src/jobs/createJobStore.js';
import { createJobWorld, type JobWorld } from '../../src/jobs/createJobWorld.js';

export interface TestWorldOptions {
  seed: number;
  jobsPerProvider: number;
  /** Unix seconds the world is anchored at (and where a frozen clock stands). */
  now: number;
  catalog: ProviderCatalog;
  renderSpeed?: number;
  clock?: ClockMode;
  limits?: Partial<JobStoreLimits>;
  instanceSalt?: number;
}

/** A world of jobs without HTTP, frozen at `now` unless asked otherwise. */
export function makeWorld(options: TestWorldOptions): JobWorld & { dataset: Dataset } {
  const dataset = createDataset({ ...options, renderSpeed: options.renderSpeed ?? 1 });
  const clock = createClock({ mode: options.clock ?? 'frozen', start: options.now * 1000 });
  const world = createJobWorld({
    dataset,
    clock,
    store: createJobStore({ ...defaultJobStoreLimits, ...options.limits }),
    instanceSalt: options.instanceSalt ?? 1,
  });
  return Object.assign(world, { dataset });
}
