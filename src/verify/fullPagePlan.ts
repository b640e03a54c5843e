import type { LimitRange } from './walkLimits.js';

/**
 * A page size (and a number of jobs to skip first) so that a walk ends on an exactly full last
 * page: the page where servers that compute `has_more` as `page is full` get it wrong. Derived
 * from the total a complete walk saw, within the sizes the spec allows; undefined when a walked
 * limit already divides it, or when no allowed size can make a full page.
 */
export function fullPagePlan(total: number, range: LimitRange, walkedLimits: readonly number[]): { limit: number; skip: number } | undefined {
  if (total <= 0 || walkedLimits.some((limit) => total % limit === 0)) return undefined;
  // The largest divisor that still makes two pages: the fewest requests.
  for (let limit = Math.min(range.max, Math.floor(total / 2)); limit >= Math.max(2, range.min); limit -= 1) {
    if (total % limit === 0) return { limit, skip: 0 };
  }
  if (total < range.min) return undefined;
  if (total <= range.max) return { limit: total, skip: 0 };
  // A prime total above the largest page: start after the first few jobs instead.
  return { limit: range.max, skip: total % range.max };
}
