import OpenAI from 'openai';
import { KEY, startTestServer, type TestServer } from '../support/http.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ jobs: 45 });
});
afterAll(() => server.close());

describe('the official openai client under injected faults', () => {
  test('retries one injected 503 and still walks every page; the retry shows in the journal', async () => {
    const put = await fetch(`${server.url}/__mock/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      // The 2nd page request fails once; the client's retry of it goes through.
      body: JSON.stringify([{ name: 'one 503', match: { nth: 2 }, times: 1, respond: { preset: 'provider_unavailable' } }]),
    });
    expect(put.status).toBe(200);
    const client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, defaultQuery: { provider: 'openai' }, maxRetries: 2 });
    const ids: string[] = [];
    for await (const video of client.videos.list({ limit: 10 })) ids.push(video.id);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);

    const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as {
      requests: { url: string; status: number; fault: string | null }[];
    };
    const pages = journal.requests.filter((r) => r.url.startsWith('/v1/videos'));
    expect(pages.map((r) => r.status)).toEqual([200, 503, 200, 200, 200, 200]);
    expect(pages[1]!.fault).toBe('one 503');
    expect(pages[2]!.url).toBe(pages[1]!.url); // the retry asks for the same page
  });
});
