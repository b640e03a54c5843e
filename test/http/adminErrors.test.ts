import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';

/** An admin request, answered as a BifrostError that matches the contract. */
async function refused(server: TestServer, method: string, path: string, init: { body?: string; type?: string } = {}) {
  const response = await fetch(`${server.url}/__mock${path}`, {
    method,
    headers: init.type ? { 'content-type': init.type } : {},
    ...(init.body !== undefined && { body: init.body }),
  });
  const body = (await response.json()) as BifrostError;
  expect(errorSchemaProblems(body)).toEqual([]);
  return { status: response.status, message: body.error.message };
}

describe('admin errors say what really happened', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 10 });
  });
  afterAll(() => server.close());

  // 30,000 levels: deep enough to overflow a naive serializer, and under the 64 KB a journal
  // detail keeps of a body (a 40,000-level body, 80 KB, is described instead: see journalDetailBodies).
  test('a journal entry whose body is nested 30,000 levels deep is shown, cut at a depth, and the server keeps serving', async () => {
    const deep = `{"prompt":"a deep one","model":"openai/sora-2","metadata":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const created = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: deep });
    await created.arrayBuffer();
    const { requests } = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { id: number; method: string }[] };
    const id = requests.filter((r) => r.method === 'POST').at(-1)!.id;
    const detail = await fetch(`${server.url}/__mock/requests/${id}`);
    expect(detail.status).toBe(200);
    const view = (await detail.json()) as { request: { body: { prompt: string } } };
    expect(view.request.body.prompt).toBe('a deep one');
    expect(JSON.stringify(view.request.body)).toMatch(/nested deeper than \d+ levels: not shown/);
    expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200);
  });

  test.each([
    ['DELETE', '/faults/%E0%A4%A'],
    ['GET', '/requests/%ZZ'],
    ['POST', '/reset/%C3'],
  ])('%s %s (a bad percent-encoding in the path) says so, not "not valid JSON"', async (method, path) => {
    const { status, message } = await refused(server, method, path);
    expect(status).toBe(400);
    expect(message).toMatch(/the path is not valid percent-encoding/);
    expect(message).not.toMatch(/JSON/);
  });

  test('a body that is not JSON says so, with where it breaks', async () => {
    const { status, message } = await refused(server, 'PUT', '/faults', { body: '{"rules": [', type: 'application/json' });
    expect(status).toBe(400);
    expect(message).toMatch(/PUT \/__mock\/faults: the body is not valid JSON \(.+\); nothing was changed/);
  });

  test('a body over the cap says it is too large, not that it is not JSON', async () => {
    const { status, message } = await refused(server, 'PUT', '/faults', { body: `[${' '.repeat(300 * 1024)}]`, type: 'application/json' });
    expect(status).toBe(413);
    expect(message).toMatch(/larger than the admin API's 256kb/);
  });

  test('a charset the parser cannot read is a 415 that names it', async () => {
    const { status, message } = await refused(server, 'PUT', '/faults', { body: '[]', type: 'application/json; charset=koi8-r' });
    expect(status).toBe(415);
    expect(message).toMatch(/koi8-r/i);
  });
});
