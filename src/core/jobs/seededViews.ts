import { CACHE_ALL_UP_TO, type ProviderJobs } from '../data/createDataset.js';
import type { Video } from '../openapi/payloads.js';
import { freezeVideo, jobView, type JobView } from './jobView.js';

/** A provider's seeded jobs as clients see them at an instant. */
export interface SeededViews {
  /** Job `position` as seen at `nowMs` (default: the dataset's anchor); a final view is frozen and shared. */
  viewAt(position: number, nowMs?: number): JobView;
  /** The job's Video at `nowMs` (default: the anchor). */
  jobAt(position: number, nowMs?: number): Video;
}

/**
 * Views of seeded job records. A provider small enough to cache its records (CACHE_ALL_UP_TO)
 * also keeps each job's final view once it is reached: it never changes again, so it is frozen
 * and shared by every response that shows it. Larger ones keep nothing.
 */
export function seededViews(jobs: ProviderJobs, anchorMs: number): SeededViews {
  const caching = jobs.count <= CACHE_ALL_UP_TO;
  const finals: (JobView | undefined)[] = caching ? new Array<JobView | undefined>(jobs.count) : [];
  const viewAt = (position: number, nowMs = anchorMs): JobView => {
    const final = caching ? finals[position] : undefined;
    if (final) return final;
    const view = jobView(jobs.recordAt(position), nowMs);
    if (view.validUntilMs !== Infinity || !caching) return view;
    return (finals[position] = { video: freezeVideo(view.video), validUntilMs: Infinity });
  };
  return { viewAt, jobAt: (position, nowMs) => viewAt(position, nowMs).video };
}
