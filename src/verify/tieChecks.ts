import type { CheckResult } from './CheckResult.js';
import type { ListClient, ListPage } from './fetchList.js';
import type { ListItem, Walk } from './walkList.js';

/** Tied groups probed per order, spread over the list; each at its first, a middle and its last job. */
const TIED_GROUPS = 4;
/** So at most this many extra requests per order. */
export const TIE_PROBES_PER_ORDER = TIED_GROUPS * 3;

interface Probe {
  order: 'asc' | 'desc';
  sequence: ListItem[];
  /** Index of the cursor's job in `sequence`. */
  at: number;
  /** Jobs sharing its created_at, itself included. */
  groupSize: number;
  last: boolean;
}

/**
 * A cursor at any job of a group sharing one `created_at` must continue with exactly the next
 * job: a cursor that compares timestamps only skips or repeats jobs here. Probed at the first,
 * a middle and the last job of a few groups: servers go wrong at either end of a group.
 */
export async function tieChecks(client: ListClient, provider: string, walks: readonly Walk[], pageSize = 1): Promise<CheckResult> {
  const name = 'pagination.ties';
  const started = performance.now();
  if (!walks.some((w) => w.end === 'complete')) return { name, status: 'skipped', detail: 'no complete walk to find jobs sharing a timestamp' };
  const probes = (['desc', 'asc'] as const).flatMap((order) => {
    const walk = walks.find((w) => w.end === 'complete' && w.order === order);
    return probesFor(order, walk?.pages.flatMap((p) => p.body?.data ?? []) ?? []);
  });
  if (probes.length === 0) return { name, status: 'passed', detail: 'no two listed jobs share a created_at, so time alone orders them' };
  const pages = await Promise.all(probes.map((p) => client.get({ provider, limit: String(pageSize), order: p.order, after: p.sequence[p.at]!.id })));
  const durationMs = performance.now() - started;
  for (const [i, probe] of probes.entries()) {
    const problem = judge(probe, pages[i]!);
    if (problem) return { name, scope: `order=${probe.order}`, status: 'failed', detail: problem, request: pages[i]!.url, durationMs };
  }
  const groups = new Set(probes.map((p) => `${p.order} ${p.sequence[p.at]!.created_at}`)).size;
  return { name, status: 'passed', detail: `${probes.length} cursor(s) at jobs sharing a created_at continue with the next job (first, middle and last jobs of ${groups} tied groups)`, durationMs };
}

/** The probes for one order: a few tied groups spread over the list, each at both ends and its middle. */
function probesFor(order: 'asc' | 'desc', sequence: ListItem[]): Probe[] {
  const groups: { start: number; end: number }[] = [];
  for (let start = 0; start < sequence.length; ) {
    let end = start;
    while (sequence[end + 1]?.created_at === sequence[start]!.created_at) end += 1;
    if (end > start) groups.push({ start, end });
    start = end + 1;
  }
  return spread(groups, TIED_GROUPS).flatMap(({ start, end }) =>
    [...new Set([start, Math.floor((start + end) / 2), end])].map((at) => ({ order, sequence, at, groupSize: end - start + 1, last: at === end })),
  );
}

/** What the cursor did wrong, or undefined when the page starts with the next job (or is empty after the last). */
function judge(probe: Probe, page: ListPage): string | undefined {
  const { sequence, at } = probe;
  const job = sequence[at]!;
  const expected = sequence[at + 1];
  const got = ((page.body as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((v) => String(v.id))[0];
  if (page.status === 200 && got === expected?.id) return undefined;
  const position = sequence.findIndex((item) => item.id === got);
  const what =
    page.status !== 200 ? `answered ${page.status}`
    : got === undefined ? 'gave an empty page'
    : position < 0 ? `gave ${got}, a job the walk never listed`
    : position > at + 1 ? `skipped ${position - at - 1} job(s) to ${got}`
    : position === at ? `repeated ${got}`
    : `went back to ${got}, repeating ${at - position + 1} job(s)`;
  const tie = probe.last ? `the last of ${probe.groupSize} jobs sharing it` : 'shared with the next job';
  return `after ${job.id} (created_at ${job.created_at}, ${tie}) the cursor ${what}; expected ${expected?.id ?? 'an empty page'}`;
}

/** `count` items evenly spread from the first to the last. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round((i * (items.length - 1)) / (count - 1))))].map((i) => items[i]!);
}
