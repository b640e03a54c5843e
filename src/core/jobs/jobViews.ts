import type { Dataset } from '../data/createDataset.js';
import { errors } from '../errors/catalog.js';
import type { JobStore } from './createJobStore.js';
import { freezeVideo, jobView, type JobView } from './jobView.js';
import { seededViews, type SeededViews } from './seededViews.js';

/** Every job of one world, seeded or created, as seen at an instant. */
export interface JobViews {
  /** Whether the job at `position` is still there (not deleted, not forgotten). */
  exists(provider: string, position: number): boolean;
  viewAt(provider: string, position: number, nowMs: number): JobView;
  /** Unix ms the provider's newest job was created at (0 when it has none). */
  newestCreatedAtMs(provider: string): number;
}

/** Seeded positions come first, created ones after them; both are read through jobView. */
export function jobViews(dataset: Dataset, store: JobStore): JobViews {
  const seededCount = (provider: string) => dataset.jobs(provider)?.count ?? 0;
  const seeded = new Map<string, SeededViews>();
  const seededOf = (provider: string): SeededViews | undefined => {
    let views = seeded.get(provider);
    const jobs = dataset.jobs(provider);
    if (!views && jobs) seeded.set(provider, (views = seededViews(jobs, dataset.options.now * 1000)));
    return views;
  };
  return {
    exists(provider, position) {
      const count = seededCount(provider);
      if (position < count) return !store.ledger(provider, count).deletedSeeded.has(position);
      return store.get(provider, position) !== undefined;
    },
    viewAt(provider, position, nowMs) {
      if (position < seededCount(provider)) return seededOf(provider)!.viewAt(position, nowMs);
      const job = store.get(provider, position);
      if (!job) throw errors.internal();
      if (job.final) return job.final;
      const view = jobView(job.record, nowMs);
      if (view.validUntilMs !== Infinity) return view;
      return (job.final = { video: freezeVideo(view.video), validUntilMs: Infinity });
    },
    newestCreatedAtMs(provider) {
      const count = seededCount(provider);
      const created = store.ledger(provider, count).created;
      const last = created[created.length - 1];
      if (last !== undefined) return store.get(provider, last)?.record.createdAtMs ?? 0;
      return count > 0 ? dataset.jobs(provider)!.recordAt(count - 1).createdAtMs : 0;
    },
  };
}
