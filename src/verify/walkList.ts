import type { ListClient, ListPage } from './fetchList.js';

export interface ListItem {
  id: string;
  created_at: number;
}

export interface PageBody {
  data: ListItem[];
  first_id?: string | null;
  last_id?: string | null;
  has_more: boolean;
}

export interface Walk {
  limit: number;
  order: 'asc' | 'desc';
  pages: { page: ListPage; body?: PageBody }[];
  /** How the walk ended. */
  end: 'complete' | 'max-pages' | 'error' | 'cursor-loop';
  /** The request made after the last page (has_more false), to see that nothing follows. */
  afterEnd?: { page: ListPage; body?: PageBody };
  /** Why this walk was chosen, when it was derived from what earlier walks saw. */
  purpose?: string;
  /** The cursor the walk started from; such a walk sees only part of the list. */
  startAfter?: string;
  durationMs: number;
}

/**
 * Walks the list the way the official SDKs do: send `last_id` back as `after` until
 * `has_more` is false, `data` is empty or `last_id` is missing. Bounded by `maxPages`.
 */
export async function walkList(
  client: ListClient,
  provider: string,
  limit: number,
  order: 'asc' | 'desc',
  maxPages: number,
  onPage: (pages: number) => void = () => {},
  extra: { startAfter?: string; purpose?: string } = {},
): Promise<Walk> {
  const started = performance.now();
  const walk: Walk = { limit, order, pages: [], end: 'complete', durationMs: 0, ...extra };
  const finish = (end: Walk['end']) => Object.assign(walk, { end, durationMs: performance.now() - started });
  const cursors = new Set<string>();
  let after = extra.startAfter;
  for (;;) {
    if (walk.pages.length >= maxPages) return finish('max-pages');
    const page = await client.get({ provider, limit: String(limit), order, after });
    const body = asPageBody(page);
    walk.pages.push({ page, ...(body && { body }) });
    onPage(walk.pages.length);
    if (page.status !== 200 || !body) return finish('error');
    const lastId = body.last_id ?? undefined;
    if (!body.has_more || body.data.length === 0 || !lastId) break;
    if (cursors.has(lastId)) return finish('cursor-loop');
    cursors.add(lastId);
    after = lastId;
  }
  const last = walk.pages[walk.pages.length - 1]?.body;
  const lastItem = last?.data[last.data.length - 1];
  if (last && !last.has_more && lastItem) {
    const page = await client.get({ provider, limit: String(limit), order, after: lastItem.id });
    const body = asPageBody(page);
    walk.afterEnd = { page, ...(body && { body }) };
  }
  return finish('complete');
}

function asPageBody(page: ListPage): PageBody | undefined {
  const body = page.body as Partial<PageBody> | undefined;
  if (page.status !== 200 || !body || !Array.isArray(body.data)) return undefined;
  const data = body.data.filter(
    (item): item is ListItem => typeof item === 'object' && item !== null && typeof item.id === 'string',
  );
  return { ...body, data, has_more: body.has_more === true } as PageBody;
}
