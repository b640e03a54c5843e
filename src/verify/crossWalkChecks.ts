import type { CheckResult } from './CheckResult.js';
import { walkIds, walkScope } from './paginationChecks.js';
import type { Walk } from './walkList.js';

/**
 * Invariants between walks: whatever the limit and order, a complete walk sees the same jobs,
 * in the same sequence, and `asc` is `desc` reversed id by id. Pure: reads what walks collected.
 */
export function crossWalkChecks(walks: readonly Walk[], provider: string): CheckResult[] {
  const complete = walks.filter((w) => w.end === 'complete');
  const whole = complete.filter((w) => w.startAfter === undefined);
  return [sameJobs(whole), ...sameSequence(whole), ascReversesDesc(whole), fullLastPage(complete), idSuffix(walks, provider)];
}

function sameJobs(complete: readonly Walk[]): CheckResult {
  const name = 'pagination.same-jobs';
  if (complete.length < 2) return { name, status: 'skipped', detail: 'fewer than two walks reached the end (raise --max-pages)' };
  const [reference, ...others] = complete;
  const referenceIds = new Set(walkIds(reference!));
  for (const other of others) {
    const otherIds = new Set(walkIds(other));
    const missing = [...referenceIds].find((id) => !otherIds.has(id));
    const extra = [...otherIds].find((id) => !referenceIds.has(id));
    if (missing === undefined && extra === undefined) continue;
    return {
      name,
      status: 'failed',
      detail: `${walkScope(reference!)} saw ${referenceIds.size} jobs, ${walkScope(other)} saw ${otherIds.size}: ${missing !== undefined ? `${missing} is missing from the second` : `${extra} is only in the second`}`,
      request: missing !== undefined ? whereMissing(reference!, other, missing) : pageWith(other, extra!),
    };
  }
  return { name, status: 'passed', detail: `${complete.length} complete walks saw the same ${referenceIds.size} jobs` };
}

/** Walks in one order must agree id by id: a cursor that skips or repeats jobs shows here. */
function sameSequence(complete: readonly Walk[]): CheckResult[] {
  const createdAt = createdAtById(complete);
  return (['desc', 'asc'] as const).flatMap((order): CheckResult[] => {
    const name = 'pagination.same-sequence';
    const scope = `order=${order}`;
    const inOrder = complete.filter((w) => w.order === order);
    if (inOrder.length < 2) return [{ name, scope, status: 'skipped', detail: `fewer than two complete ${order} walks to compare` }];
    const [reference, ...others] = inOrder;
    const expected = walkIds(reference!);
    for (const other of others) {
      const seen = walkIds(other);
      const at = firstDifference(expected, seen);
      if (at === undefined) continue;
      return [{ name, scope, status: 'failed', detail: `${walkScope(other)} ${explain(expected, seen, at, createdAt)} (compared with ${walkScope(reference!)})`, request: pageAt(other, at) }];
    }
    return [{ name, scope, status: 'passed', detail: `${inOrder.length} walks (limits ${inOrder.map((w) => w.limit).join(', ')}) list the same ${expected.length} jobs in the same sequence` }];
  });
}

function ascReversesDesc(complete: readonly Walk[]): CheckResult {
  const name = 'pagination.asc-reverses-desc';
  const desc = complete.find((w) => w.order === 'desc');
  const asc = complete.find((w) => w.order === 'asc' && w.limit === desc?.limit) ?? complete.find((w) => w.order === 'asc');
  if (!desc || !asc) return { name, status: 'skipped', detail: 'needs one complete walk in each order' };
  const expected = walkIds(desc).reverse();
  const seen = walkIds(asc);
  const at = firstDifference(expected, seen);
  if (at === undefined) return { name, status: 'passed', detail: `${walkScope(asc)} is ${walkScope(desc)} reversed, id by id (${seen.length} jobs)` };
  return { name, status: 'failed', detail: `${walkScope(asc)} is not ${walkScope(desc)} reversed: ${explain(expected, seen, at, createdAtById(complete))}`, request: pageAt(asc, at) };
}

/** A walk whose jobs fill its last page exactly must end there with `has_more: false`. */
function fullLastPage(complete: readonly Walk[]): CheckResult {
  const name = 'pagination.full-last-page';
  const exact = complete.filter((w) => walkIds(w).length > 0 && walkIds(w).length % w.limit === 0);
  if (exact.length === 0) return { name, status: 'skipped', detail: 'no complete walk had a job count that is a multiple of its limit' };
  for (const walk of exact) {
    const filled = walk.pages.filter((p) => (p.body?.data.length ?? 0) > 0);
    const last = filled[filled.length - 1]!;
    if (last.body!.has_more) {
      return { name, scope: walkScope(walk), status: 'failed', detail: `the last page is exactly full (${walk.limit} of ${walkIds(walk).length} jobs) but says has_more: true`, request: last.page.url };
    }
  }
  return { name, status: 'passed', detail: `${exact.map(walkScope).join(', ')} end on an exactly full page with has_more: false` };
}

function idSuffix(walks: readonly Walk[], provider: string): CheckResult {
  const name = 'ids.provider-suffix';
  const suffix = `:${provider}`;
  let count = 0;
  for (const walk of walks) {
    for (const { page, body } of walk.pages) {
      if (!body) continue;
      const ids = [...body.data.map((item) => item.id), ...[body.first_id, body.last_id].filter((id): id is string => typeof id === 'string')];
      const bad = ids.find((id) => !id.endsWith(suffix) || id.length === suffix.length);
      if (bad !== undefined) return { name, status: 'failed', detail: `${bad} lacks the ${suffix} suffix the gateway adds to every id`, request: page.url };
      count += ids.length;
    }
  }
  if (count === 0) return { name, status: 'skipped', detail: 'no ids were seen' };
  return { name, status: 'passed', detail: `${count} ids (items, first_id, last_id) end with ${suffix}` };
}

function createdAtById(walks: readonly Walk[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const walk of walks) for (const { body } of walk.pages) for (const item of body?.data ?? []) times.set(item.id, item.created_at);
  return times;
}

function firstDifference(expected: readonly string[], seen: readonly string[]): number | undefined {
  for (let i = 0; i < Math.max(expected.length, seen.length); i += 1) if (expected[i] !== seen[i]) return i;
  return undefined;
}

/** Says what went wrong at position `at`: a skip, a repeat, or a swap, and whether time ties were involved. */
function explain(expected: readonly string[], seen: readonly string[], at: number, createdAt: ReadonlyMap<string, number>): string {
  const want = expected[at];
  const got = seen[at];
  if (got === undefined) return `ends after ${at} jobs, before ${want}`;
  if (want === undefined) return `has ${got} after the last job, at position ${at + 1}`;
  const before = seen[at - 1];
  const tie =
    createdAt.get(want) === createdAt.get(got)
      ? ` (both created_at ${createdAt.get(want)}: equal timestamps must keep one stable order)`
      : before !== undefined && createdAt.get(want) === createdAt.get(before)
        ? ` (${want} shares created_at ${createdAt.get(want)} with ${before} before it: equal timestamps must keep one stable order)`
        : '';
  const later = expected.indexOf(got);
  if (seen.slice(0, at).includes(got)) return `repeats ${got} at position ${at + 1}${tie}`;
  if (later > at) return `skips ${later - at} job(s) at position ${at + 1}: ${got} comes where ${want} should${tie}`;
  return `has ${got} at position ${at + 1} where ${want} should be${tie}`;
}

/** The request of the page that holds the walk's item at this index. */
function pageAt(walk: Walk, index: number): string {
  let seen = 0;
  for (const { page, body } of walk.pages) {
    seen += body?.data.length ?? 0;
    if (index < seen) return page.url;
  }
  return walk.afterEnd?.page.url ?? walk.pages[walk.pages.length - 1]!.page.url;
}

function pageWith(walk: Walk, id: string): string {
  return pageAt(walk, walkIds(walk).indexOf(id));
}

/** Where `id` should have been in `other`: the page after its predecessor in the reference. */
function whereMissing(reference: Walk, other: Walk, id: string): string {
  const sequence = reference.order === other.order ? walkIds(reference) : walkIds(reference).reverse();
  const otherIds = walkIds(other);
  const before = sequence.slice(0, sequence.indexOf(id)).reverse().find((candidate) => otherIds.includes(candidate));
  return pageAt(other, before === undefined ? 0 : otherIds.indexOf(before) + 1);
}
