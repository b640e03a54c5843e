import OpenAI from 'openai';
import { KEY, startTestServer, type TestServer } from '../support/http.js';
import { schemaProblems } from '../support/specJudge.js';

let server: TestServer;
const bodies: unknown[] = [];
beforeAll(async () => {
  server = await startTestServer({ jobs: 137 });
});
afterAll(() => server.close());

/**
 * The official client, pointed at the mock, with the gateway's `provider` as a default query
 * parameter (so it rides along on every page request); every page is judged against the spec.
 */
function client(provider = 'openai'): OpenAI {
  return new OpenAI({
    apiKey: KEY,
    baseURL: `${server.url}/v1`,
    defaultQuery: { provider },
    maxRetries: 0,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      const body: unknown = await response.clone().json();
      bodies.push(body);
      const problems = schemaProblems(response.status, body);
      if (problems.length > 0) throw new Error(`page breaks openapi.yaml: ${problems.join('; ')}`);
      return response;
    },
  });
}

describe('the official openai client', () => {
  test.each([
    ['desc', 10],
    ['asc', 25],
    ['desc', 100],
  ] as const)('auto-pagination (order=%s, limit=%i) sees every job once, in order', async (order, limit) => {
    bodies.length = 0;
    const seen: { id: string; created_at: number }[] = [];
    for await (const video of client().videos.list({ order, limit })) {
      seen.push({ id: video.id, created_at: video.created_at });
    }
    expect(seen).toHaveLength(137);
    expect(new Set(seen.map((v) => v.id)).size).toBe(137);
    const times = seen.map((v) => v.created_at);
    expect(times).toEqual([...times].sort((a, b) => (order === 'asc' ? a - b : b - a)));
    expect(bodies).toHaveLength(Math.ceil(137 / limit));
  });

  test('an error surfaces as the SDK error class with the gateway status and message', async () => {
    const error = await client('gemini')
      .videos.list({ limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
    expect((error as Error).message).toContain('video_list is not supported by gemini provider');
  });
});
