import { AUTH, startTestServer, type TestServer } from '../support/http.js';

/** A page's bytes with the one measured field blanked. */
async function page(server: TestServer, query: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/videos?provider=openai&${query}`, { headers: AUTH });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/"latency":\d+/, '"latency":0');
}

const walkIds = async (servers: TestServer[], limit: number) => {
  // One walk spread over the replicas, one page each in turn, as a load balancer would.
  const ids: string[] = [];
  let after = '';
  for (let i = 0; ; i++) {
    const body = JSON.parse(await page(servers[i % servers.length]!, `limit=${limit}${after}`)) as { data: { id: string }[]; has_more: boolean; last_id: string };
    ids.push(...body.data.map((v) => v.id));
    if (!body.has_more) return ids;
    after = `&after=${body.last_id}`;
  }
};

describe('replicas with the same seed and --now serve the same seeded world', () => {
  test('frozen clocks moved to the same instant: byte-identical pages, one walk across both', async () => {
    const a = await startTestServer({ jobs: 60 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // started apart
    const b = await startTestServer({ jobs: 60 });
    try {
      for (const server of [a, b]) {
        await fetch(`${server.url}/__mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance": 75}' });
      }
      expect(await page(b, 'limit=10')).toBe(await page(a, 'limit=10'));
      const ids = await walkIds([a, b], 7);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('live clocks started apart with the same --now: the same ids, cursors and statuses', async () => {
    const now = new Date(Date.now() - 3600_000).toISOString(); // an hour ago: every job has ended
    const a = await startTestServer({ jobs: 60, clock: 'live', now });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const b = await startTestServer({ jobs: 60, clock: 'live', now });
    try {
      expect(await page(b, 'limit=20&order=asc')).toBe(await page(a, 'limit=20&order=asc'));
      expect(await walkIds([b, a], 9)).toEqual(await walkIds([a], 100));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
