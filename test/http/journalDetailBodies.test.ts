import { MAX_DETAIL_BODY_BYTES } from '../../src/core/journal/requestJournal.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';

/** The journal keeps what a developer reads in the console, not the uploads: large bodies are described. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function lastDetail(): Promise<{ request: { body: unknown } }> {
  const { requests } = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { id: number }[] };
  return (await (await fetch(`${server.url}/__mock/requests/${requests.at(-1)!.id}`)).json()) as { request: { body: unknown } };
}

test('a small body is kept as decoded, for the console to show', async () => {
  await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'a kite', model: 'openai/sora-2' }) });
  expect((await lastDetail()).request.body).toEqual({ prompt: 'a kite', model: 'openai/sora-2' });
});

test(`a body over ${MAX_DETAIL_BODY_BYTES / 1024} KB is described, not kept, and the request was answered as usual`, async () => {
  const form = new FormData();
  form.set('prompt', 'p'.repeat(30_000));
  form.set('model', 'openai/sora-2');
  for (let i = 0; i < 4; i++) form.set(`note${i}`, 'n'.repeat(60_000));
  const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: AUTH, body: form });
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  expect((await lastDetail()).request.body).toMatch(/^<request body of \d+ bytes: not kept \(the journal keeps bodies up to 64 KB\)>$/);
});
