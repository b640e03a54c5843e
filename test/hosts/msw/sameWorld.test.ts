import { setupServer } from 'msw/node';
import { createHandlers } from '../../../src/hosts/msw/index.js';
import { startTestServer, type TestServer } from '../../support/http.js';

const world = { seed: 7, jobs: 40, now: '2026-02-01T09:30:00Z' } as const;
const GATEWAY = 'https://gateway.test';
const headers = { authorization: 'Bearer sk-bf-same' };

let server: TestServer;
// Only the gateway's origin is the handlers': the real server beside them is left alone.
const msw = setupServer(...createHandlers({ ...world, baseUrl: GATEWAY }).handlers);
beforeAll(async () => {
  server = await startTestServer(world);
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await server.close();
});

/**
 * Every page of a provider's list, walked with `after`, as JSON bodies; `extra_fields.latency`
 * is the time each took to answer (the gateway's own measure), the one field that may differ.
 */
async function pages(base: string, provider: string, order: 'asc' | 'desc'): Promise<unknown[]> {
  const out: unknown[] = [];
  let after = '';
  for (;;) {
    const response = await fetch(`${base}/v1/videos?provider=${provider}&order=${order}&limit=7${after}`, { headers });
    const page = (await response.json()) as { has_more: boolean; last_id: string; extra_fields: { latency?: number } };
    expect(typeof page.extra_fields.latency).toBe('number');
    delete page.extra_fields.latency;
    out.push(page);
    if (!page.has_more) return out;
    after = `&after=${page.last_id}`;
  }
}

describe('the same seed and now give MSW and the server one world', () => {
  test.each([
    ['openai', 'desc'],
    ['openai', 'asc'],
    ['azure', 'desc'],
    ['azure', 'asc'],
  ] as const)('%s, order=%s: every page is the same, ids, prompts, statuses and cursors', async (provider, order) => {
    const fromServer = await pages(server.url, provider, order);
    const fromMsw = await pages(GATEWAY, provider, order);
    expect(fromServer).toHaveLength(Math.ceil(world.jobs / 7));
    expect(fromMsw).toEqual(fromServer);
  });

  test('a job retrieved by id is the same job, and its content the same bytes', async () => {
    const [first] = (await pages(server.url, 'openai', 'desc')) as { data: { id: string; status: string }[] }[];
    const done = first!.data.find((video) => video.status === 'completed')!;
    const retrieved = await Promise.all(
      [server.url, GATEWAY].map(async (base) => {
        const video = (await (await fetch(`${base}/v1/videos/${done.id}`, { headers })).json()) as { extra_fields?: { latency?: number } };
        delete video.extra_fields?.latency;
        return video;
      }),
    );
    expect(retrieved[1]).toEqual(retrieved[0]);
    for (const path of [`/v1/videos/${done.id}/content`, `/v1/videos/${done.id}/content?variant=thumbnail`]) {
      const [a, b] = await Promise.all([server.url, GATEWAY].map(async (base) => new Uint8Array(await (await fetch(`${base}${path}`, { headers })).arrayBuffer())));
      expect(a!.byteLength).toBeGreaterThan(1000);
      expect([path, b]).toEqual([path, a]);
    }
  });
});
