import { BoundedCache } from '../data/boundedCache.js';
import { CACHE_ALL_UP_TO, type Dataset } from '../data/createDataset.js';
import type { Video } from '../openapi/payloads.js';
import type { JobStore } from './createJobStore.js';
import { freezeVideo } from './jobView.js';
import type { JobViews } from './jobViews.js';
import { pageOfJobs, type SortOrder } from './pageOfJobs.js';

export interface PageRequest {
  order: SortOrder;
  limit: number;
  /** The position the cursor names (already located). */
  afterPosition?: number;
}

export interface ListPages {
  page(provider: string, request: PageRequest, nowMs: number): { data: readonly Video[]; hasMore: boolean };
  /** Forgets every kept page (a reset). */
  clear(): void;
}

/** Pages kept ready per provider. */
const CACHED_PAGES = 256;

/**
 * List pages. A small provider's page is frozen and kept while none of its jobs can change: for
 * good once all are final, until the next progress step while one is running (a frozen clock
 * never moves). A provider too large to cache (see createDataset) gets each page built fresh.
 */
export function listPages(dataset: Dataset, store: JobStore, views: JobViews): ListPages {
  let pages = new Map<string, BoundedCache<string, { page: readonly Video[]; from: number; until: number }>>();
  return {
    page(provider, { order, limit, afterPosition }, now) {
      const count = dataset.jobs(provider)?.count ?? 0;
      const { positions, hasMore } = pageOfJobs({ seeded: count, ledger: store.ledger(provider, count), order, limit, afterPosition });
      if (count > CACHE_ALL_UP_TO) {
        return { data: positions.map((p) => views.viewAt(provider, p, now).video), hasMore };
      }
      let cache = pages.get(provider);
      if (!cache) pages.set(provider, (cache = new BoundedCache(CACHED_PAGES)));
      const key = positions.join(',');
      const kept = cache.get(key);
      if (kept && kept.from <= now && now < kept.until) return { data: kept.page, hasMore };
      let until = Infinity;
      const page = Object.freeze(
        positions.map((p) => {
          const view = views.viewAt(provider, p, now);
          until = Math.min(until, view.validUntilMs);
          return Object.isFrozen(view.video) ? view.video : freezeVideo(view.video);
        }),
      );
      if (positions.length > 0) cache.set(key, { page, from: now, until });
      return { data: page, hasMore };
    },
    clear() {
      pages = new Map();
    },
  };
}
