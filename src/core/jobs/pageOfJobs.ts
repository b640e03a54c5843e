import { lowerBound, type ProviderLedger } from './createJobStore.js';

export type SortOrder = 'asc' | 'desc';

export interface PageOfJobsRequest {
  /** Seeded positions 0..seeded-1; created jobs follow at the ledger's positions. */
  seeded: number;
  ledger: ProviderLedger;
  order: SortOrder;
  limit: number;
  /** Position of the cursor job (which may since have been deleted); the page starts after it. */
  afterPosition?: number;
}

/**
 * Cursor pagination over one provider's jobs: the seeded positions that were not deleted, then
 * the live created ones, oldest first (`desc` is exactly the reverse). Positions never move, so
 * a cursor taken before any create or delete keeps its place. Cost: the page, plus the deleted
 * seeded positions it steps over, plus a binary search among created jobs.
 */
export function pageOfJobs({ seeded, ledger, order, limit, afterPosition }: PageOfJobsRequest): { positions: number[]; hasMore: boolean } {
  const step = order === 'asc' ? 1 : -1;
  const positions: number[] = [];
  let at = afterPosition ?? (step > 0 ? -1 : Infinity);
  let next = nextPosition(seeded, ledger, at, step);
  while (next !== undefined && positions.length < limit) {
    positions.push(next);
    at = next;
    next = nextPosition(seeded, ledger, at, step);
  }
  return { positions, hasMore: next !== undefined };
}

/** The nearest existing position strictly after `from` in the direction of `step`. */
export function nextPosition(seeded: number, ledger: ProviderLedger, from: number, step: 1 | -1): number | undefined {
  const { created, deletedSeeded } = ledger;
  if (step > 0) {
    let p = Math.max(from + 1, 0);
    while (p < seeded && deletedSeeded.has(p)) p++;
    if (p < seeded) return p;
    return created[lowerBound(created, p)];
  }
  if (from - 1 >= seeded) {
    const i = lowerBound(created, from) - 1;
    if (i >= 0) return created[i];
  }
  let p = Math.min(from - 1, seeded - 1);
  while (p >= 0 && deletedSeeded.has(p)) p--;
  return p >= 0 ? p : undefined;
}
