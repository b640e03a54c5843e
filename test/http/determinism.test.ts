import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { schemaProblems } from '../support/specJudge.js';

/** The raw body with the one measured field blanked, so bytes can be compared. */
async function rawPage(server: TestServer, query: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/videos?${query}`, { headers: AUTH });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(schemaProblems(200, JSON.parse(text))).toEqual([]);
  return text.replace(/"latency":\d+/, '"latency":0');
}

describe('determinism across servers', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  const start = async (seed: number, now?: string) => {
    const server = await startTestServer({ seed, ...(now && { now }) });
    servers.push(server);
    return server;
  };

  test('same seed and options give byte-identical pages, and cursors work across servers', async () => {
    const [a, b] = await Promise.all([start(42), start(42)]);
    const first = await rawPage(a, 'provider=openai&limit=7');
    expect(await rawPage(b, 'provider=openai&limit=7')).toBe(first);
    const cursor = (JSON.parse(first) as { last_id: string }).last_id;
    expect(await rawPage(b, `provider=openai&limit=7&after=${cursor}`)).toBe(
      await rawPage(a, `provider=openai&limit=7&after=${cursor}`),
    );
  });

  test('a different seed gives different data and refuses the other seed\'s cursors', async () => {
    const [a, c] = await Promise.all([start(42), start(43)]);
    const pageA = await rawPage(a, 'provider=openai&limit=7');
    expect(await rawPage(c, 'provider=openai&limit=7')).not.toBe(pageA);
    const cursor = (JSON.parse(pageA) as { last_id: string }).last_id;
    const response = await fetch(`${c.url}/v1/videos?provider=openai&after=${cursor}`, { headers: AUTH });
    expect(response.status).toBe(400);
    expect(schemaProblems(400, await response.json())).toEqual([]);
  });

  test('--now moves every timestamp by the same amount', async () => {
    const [a, later] = await Promise.all([start(42), start(42, '2026-01-16T12:00:00Z')]);
    const pageA = JSON.parse(await rawPage(a, 'provider=openai&order=asc&limit=3')) as { data: { created_at: number }[] };
    const pageB = JSON.parse(await rawPage(later, 'provider=openai&order=asc&limit=3')) as { data: { created_at: number }[] };
    pageA.data.forEach((video, i) => expect(pageB.data[i]!.created_at - video.created_at).toBe(86400));
  });
});
