import { createClock, type ClockMode } from '../../src/core/clock/createClock.js';
import { createDataset, type Dataset, type ProviderJobs } from '../../src/core/data/createDataset.js';
import type { ProviderCatalog } from '../../src/core/data/providerCatalog.js';
import { englishLocale } from '../../src/core/random/englishLocale.js';
import { createJobStore, defaultJobStoreLimits, type JobStoreLimits } from '../../src/core/jobs/createJobStore.js';
import { createJobWorld, type JobWorld } from '../../src/core/jobs/createJobWorld.js';
import { seededViews, type SeededViews } from '../../src/core/jobs/seededViews.js';

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
  const dataset = createDataset({ ...options, renderSpeed: options.renderSpeed ?? 1, locale: englishLocale });
  const clock = createClock({ mode: options.clock ?? 'frozen', start: options.now * 1000 });
  const world = createJobWorld({
    dataset,
    clock,
    store: createJobStore({ ...defaultJobStoreLimits, ...options.limits }),
    instanceSalt: options.instanceSalt ?? 1,
  });
  return Object.assign(world, { dataset });
}

/** A provider's seeded jobs with their views at the dataset's anchor (jobAt) as well as their records. */
export function seededJobs(dataset: Dataset, provider: string): ProviderJobs & SeededViews {
  const jobs = dataset.jobs(provider);
  if (!jobs) throw new Error(`no seeded jobs for ${provider}`);
  return { ...jobs, ...seededViews(jobs, dataset.options.now * 1000) };
}
