import type { CheckResult } from './CheckResult.js';
import type { Walk } from './walkList.js';

/** The invariants one walk must keep. Pure: it only reads what the walk collected. */
export function paginationChecks(walk: Walk): CheckResult[] {
  const scope = walkScope(walk);
  const check = (name: string, problem: { detail: string; request: string } | undefined, ok: string): CheckResult =>
    problem
      ? { name, scope, status: 'failed', detail: problem.detail, request: problem.request }
      : { name, scope, status: 'passed', detail: ok };
  const pages = walk.pages.filter((p) => p.body);
  const results: CheckResult[] = [];

  const judged = [...walk.pages, ...(walk.afterEnd ? [walk.afterEnd] : [])];
  const failedPage = judged.find((p) => p.page.problems.length > 0);
  results.push(
    check(
      'schema',
      failedPage && {
        detail: failedPage.page.status === 0 ? failedPage.page.problems[0]! : `response ${failedPage.page.status} breaks the spec: ${failedPage.page.problems.slice(0, 3).join('; ')}`,
        request: failedPage.page.url,
      },
      `${judged.length} responses match openapi.yaml`,
    ),
  );

  const last = walk.pages[walk.pages.length - 1];
  results.push(
    walk.end === 'complete'
      ? { name: 'pagination.walk', scope, status: 'passed', detail: `${walk.pages.length} pages to the end`, durationMs: walk.durationMs }
      : walk.end === 'max-pages'
        ? { name: 'pagination.walk', scope, status: 'skipped', detail: `stopped at --max-pages ${walk.pages.length}`, durationMs: walk.durationMs }
        : {
            name: 'pagination.walk',
            durationMs: walk.durationMs,
            scope,
            status: 'failed',
            detail:
              walk.end === 'cursor-loop'
                ? `last_id ${String(last?.body?.last_id)} was already used as a cursor: the walk would never end`
                : last?.page.status === 0
                  ? `page ${walk.pages.length} got no answer in time`
                  : `page ${walk.pages.length} answered ${last?.page.status ?? '?'} instead of a list`,
            ...(last && { request: last.page.url }),
          },
  );

  let duplicate: { detail: string; request: string } | undefined;
  const seenOn = new Map<string, number>();
  pages.forEach(({ page, body }, index) => {
    for (const item of body!.data) {
      const earlier = seenOn.get(item.id);
      if (earlier !== undefined && !duplicate) {
        duplicate = { detail: `${item.id} is on page ${earlier + 1} and again on page ${index + 1}`, request: page.url };
      }
      seenOn.set(item.id, index);
    }
  });
  results.push(check('pagination.no-duplicates', duplicate, `${seenOn.size} distinct jobs`));

  let disorder: { detail: string; request: string } | undefined;
  let previous: { id: string; created_at: number } | undefined;
  for (const { page, body } of pages) {
    for (const item of body!.data) {
      const wrong = previous && (walk.order === 'asc' ? item.created_at < previous.created_at : item.created_at > previous.created_at);
      if (wrong && !disorder && previous) {
        disorder = {
          detail: `${item.id} (created_at ${item.created_at}) comes after ${previous.id} (created_at ${previous.created_at}) in ${walk.order} order`,
          request: page.url,
        };
      }
      previous = item;
    }
  }
  results.push(check('pagination.order', disorder, `created_at is ${walk.order === 'asc' ? 'non-decreasing' : 'non-increasing'}`));

  let ends: { detail: string; request: string } | undefined;
  for (const { page, body } of pages) {
    const data = body!.data;
    const first = data[0]?.id;
    const lastId = data[data.length - 1]?.id;
    const wrong =
      data.length === 0
        ? body!.first_id != null || body!.last_id != null
          ? `empty page has first_id ${String(body!.first_id)} / last_id ${String(body!.last_id)}`
          : undefined
        : body!.first_id !== first
          ? `first_id is ${String(body!.first_id)}, the first item is ${first}`
          : body!.last_id !== lastId
            ? `last_id is ${String(body!.last_id)}, the last item is ${lastId}`
            : undefined;
    if (wrong && !ends) ends = { detail: wrong, request: page.url };
  }
  results.push(check('pagination.first-last-ids', ends, 'first_id and last_id match every page\'s ends'));

  let oversized: { detail: string; request: string } | undefined;
  for (const { page, body } of pages) {
    if (body!.data.length > walk.limit && !oversized) {
      oversized = { detail: `page has ${body!.data.length} items for limit=${walk.limit}`, request: page.url };
    }
  }
  results.push(check('pagination.limit', oversized, `no page has more than ${walk.limit} items`));

  let hasMore: { detail: string; request: string } | undefined;
  pages.forEach(({ body }, index) => {
    const next = pages[index + 1];
    if (body!.has_more && next && next.body!.data.length === 0 && !hasMore) {
      hasMore = { detail: `page ${index + 1} says has_more: true but the next page is empty`, request: next.page.url };
    }
  });
  const lastPage = pages[pages.length - 1];
  if (!hasMore && walk.end === 'complete' && lastPage?.body!.has_more && lastPage.body!.data.length === 0) {
    hasMore = { detail: 'an empty page says has_more: true', request: lastPage.page.url };
  }
  const afterEnd = walk.afterEnd;
  if (!hasMore && afterEnd?.body && afterEnd.body.data.length > 0) {
    hasMore = { detail: `the last page says has_more: false, but ${afterEnd.body.data.length} jobs follow it`, request: afterEnd.page.url };
  }
  results.push(check('pagination.has-more', hasMore, 'has_more agrees with what the next page holds'));
  return walk.end === 'error' || walk.end === 'cursor-loop' ? unjudged(results) : results;
}

/** The checks that judge a walk's pages as a whole: on a walk that broke off, a pass would be a pass on (almost) nothing. */
const WHOLE_WALK = new Set(['pagination.no-duplicates', 'pagination.order', 'pagination.first-last-ids', 'pagination.limit', 'pagination.has-more']);

/** A broken-off walk's passes become skips that say why; what it did catch stays failed. */
function unjudged(results: CheckResult[]): CheckResult[] {
  const why = results.find((r) => r.name === 'pagination.walk')!.detail;
  return results.map((r) => (WHOLE_WALK.has(r.name) && r.status === 'passed' ? { ...r, status: 'skipped', detail: `the walk did not complete: ${why}` } : r));
}

export function walkScope(walk: Walk): string {
  return `limit=${walk.limit} order=${walk.order}${walk.purpose ? ` (${walk.purpose})` : ''}`;
}

/** Jobs seen by a complete walk, to compare walks with each other. */
export function walkIds(walk: Walk): string[] {
  return walk.pages.flatMap((p) => p.body?.data.map((item) => item.id) ?? []);
}
