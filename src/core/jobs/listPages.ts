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
export const CACHED_PAGES = 256;
/**
 * What those pages may hold per provider, in bytes: a kept page also keeps its serialized text,
 * a copy of every prompt on it, and a page of 100 maximum-size prompts is 3 MB or more.
 */
export const CACHED_PAGE_BYTES = 32 * 1024 * 1024;
/** A video on a kept page besides its prompt: its frozen object and its share of the text, charged. */
const PAGE_VIDEO_BYTES = 1024;

/**
 * List pages. A small provider's page is frozen and kept while none of its jobs can change: for
 * good once all are final, until the next progress step while one is running (a frozen clock
 * never moves). A provider too large to cache (see createDataset) gets each page built fresh.
 */
export function listPages(dataset: Dataset, store: JobStore, views: JobViews): ListPages {
  let pages = new Map<string, BoundedCache<string, { page: readonly Video[]; from: number; until: number }>>();
  // A page that shows a created job keeps it alive: when one leaves the store, every kept page goes.
  let departures = store.departures;
  return {
    page(provider, { order, limit, afterPosition }, now) {
      if (store.departures !== departures) {
        departures = store.departures;
        pages = new Map();
      }
      const count = dataset.jobs(provider)?.count ?? 0;
      const { positions, hasMore } = pageOfJobs({ seeded: count, ledger: store.ledger(provider, count), order, limit, afterPosition });
      if (count > CACHE_ALL_UP_TO) {
        return { data: positions.map((p) => views.viewAt(provider, p, now).video), hasMore };
      }
      let cache = pages.get(provider);
      if (!cache) pages.set(provider, (cache = new BoundedCache(CACHED_PAGES, CACHED_PAGE_BYTES)));
      const key = positions.join(',');
      const kept = cache.get(key);
      if (kept && kept.from <= now && now < kept.until) return { data: kept.page, hasMore };
      let until = Infinity;
      let bytes = 0;
      const page = Object.freeze(
        positions.map((p) => {
          const view = views.viewAt(provider, p, now);
          until = Math.min(until, view.validUntilMs);
          bytes += PAGE_VIDEO_BYTES + 2 * view.video.prompt.length;
          return Object.isFrozen(view.video) ? view.video : freezeVideo(view.video);
        }),
      );
      if (positions.length > 0) cache.set(key, { page, from: now, until }, bytes);
      return { data: page, hasMore };
    },
    clear() {
      pages = new Map();
    },
  };
}
