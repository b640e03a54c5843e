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
): Promise<Walk> {
  const walk: Walk = { limit, order, pages: [], end: 'complete' };
  const cursors = new Set<string>();
  let after: string | undefined;
  for (;;) {
    if (walk.pages.length >= maxPages) {
      walk.end = 'max-pages';
      return walk;
    }
    const page = await client.get({ provider, limit: String(limit), order, after });
    const body = asPageBody(page);
    walk.pages.push({ page, ...(body && { body }) });
    onPage(walk.pages.length);
    if (page.status !== 200 || !body) {
      walk.end = 'error';
      return walk;
    }
    const lastId = body.last_id ?? undefined;
    if (!body.has_more || body.data.length === 0 || !lastId) break;
    if (cursors.has(lastId)) {
      walk.end = 'cursor-loop';
      return walk;
    }
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
  return walk;
}

function asPageBody(page: ListPage): PageBody | undefined {
  const body = page.body as Partial<PageBody> | undefined;
  if (page.status !== 200 || !body || !Array.isArray(body.data)) return undefined;
  const data = body.data.filter(
    (item): item is ListItem => typeof item === 'object' && item !== null && typeof item.id === 'string',
  );
  return { ...body, data, has_more: body.has_more === true } as PageBody;
}
