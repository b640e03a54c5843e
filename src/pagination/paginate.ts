export type SortOrder = 'asc' | 'desc';

export interface PageRequest {
  /** Number of items, addressed by position 0..total-1 in ascending order. */
  total: number;
  order: SortOrder;
  limit: number;
  /** Position of the cursor item; the page starts strictly after it in `order`. */
  afterPosition?: number;
}

export interface Page {
  /** Positions of the page's items, in the requested order. */
  positions: number[];
  hasMore: boolean;
}

/**
 * Cursor pagination over positions sorted by creation time. Position order is the stable
 * tie-break for equal timestamps, so `desc` is exactly the reverse of `asc`.
 */
export function paginate({ total, order, limit, afterPosition }: PageRequest): Page {
  const step = order === 'asc' ? 1 : -1;
  const first = afterPosition === undefined ? (order === 'asc' ? 0 : total - 1) : afterPosition + step;
  const positions: number[] = [];
  for (let p = first; positions.length < limit && p >= 0 && p < total; p += step) {
    positions.push(p);
  }
  const next = first + step * positions.length;
  return { positions, hasMore: next >= 0 && next < total };
}
