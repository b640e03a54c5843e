import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { listVideos } from '../../../src/core/routes/listVideos.js';
import type { VideoList } from '../../../src/core/openapi/payloads.js';
import { makeWorld, seededJobs } from '../../support/world.js';

type World = ReturnType<typeof makeWorld>;
let small: World;
let large: World;
beforeAll(async () => {
  const catalog = await loadProviderCatalog();
  small = makeWorld({ seed: 7, jobsPerProvider: 30, now: 1768478400, catalog });
  large = makeWorld({ seed: 7, jobsPerProvider: 50_000, now: 1768478400, catalog });
});

const list = (world: World, params: Record<string, unknown>, latency = 0.2) =>
  listVideos({ params: { provider: 'openai', limit: 20, order: 'desc', ...params }, world, elapsedMs: () => latency }).body as VideoList;

function frozenAllTheWayDown(value: unknown, where = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Object.isFrozen(value) ? [] : [where];
  return own.concat(...Object.entries(value).map(([key, member]) => frozenAllTheWayDown(member, `${where}.${key}`)));
}

describe('listVideos bodies of cached pages', () => {
  test('the same page answered at latency 0 is one body, frozen all the way down', () => {
    const first = list(small, { limit: 5 });
    expect(list(small, { limit: 5 })).toBe(first);
    expect(frozenAllTheWayDown(first)).toEqual([]);
    expect(first.extra_fields.latency).toBe(0);
  });

  test('one page with two has_more values gets a body for each', () => {
    // The oldest job alone: first of the list ascending (more follow), last of it descending.
    const secondOldest = seededJobs(small.dataset, 'openai').jobAt(1).id;
    const ascending = list(small, { order: 'asc', limit: 1 });
    const descending = list(small, { order: 'desc', limit: 1, after: secondOldest });
    expect(descending.data).toBe(ascending.data);
    expect([ascending.has_more, descending.has_more]).toEqual([true, false]);
    expect(list(small, { order: 'asc', limit: 1 }).has_more).toBe(true);
  });

  test('a slower request gets a body of its own that reports its latency', () => {
    const slow = list(small, { limit: 5 }, 3.4);
    expect(slow.extra_fields.latency).toBe(3);
    expect(slow).not.toBe(list(small, { limit: 5 }));
    expect(Object.isFrozen(slow)).toBe(false);
  });

  test('pages of a dataset too large to cache are built fresh every time', () => {
    const page = list(large, { limit: 5 });
    expect(list(large, { limit: 5 })).not.toBe(page);
    expect(list(large, { limit: 5 })).toEqual(page);
  });

  test('an empty page is never shared between providers', () => {
    const lastId = (provider: string) => seededJobs(small.dataset, provider).jobAt(0).id;
    const providers = [...small.dataset.options.catalog.providers].filter((p) => p.canList).map((p) => p.name).slice(0, 2);
    const bodies = providers.map((provider) => list(small, { provider, after: lastId(provider) }));
    expect(bodies.map((b) => [b.data.length, b.extra_fields.provider])).toEqual(providers.map((p) => [0, p]));
  });
});
