import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { openRawSocket, rawBody, rawHeader, type RawSocket } from '../support/rawSocket.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const KB = 1024;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { bodyMemoryBytes: 100 * KB } });
});
afterAll(() => server.close());

/** Sends a request's headers and the first bytes of its body, and keeps the rest back. */
async function holdBody(path: string, framing: string, first: string): Promise<RawSocket> {
  const raw = await openRawSocket(server.url);
  raw.socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-bf-x\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${first}`);
  return raw;
}

async function expectBudgetRefusal(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('1');
  const body = (await response.json()) as BifrostError;
  expect(errorSchemaProblems(body)).toEqual([]);
  expect(body.error).toMatchObject({ type: 'mock_body_budget' });
}

const create = (prompt: string) =>
  fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ prompt, model: 'openai/sora-2' }) });

describe('the body memory budget', () => {
  test('a body cut off by its deadline (a 408) gives its share of the budget back once its connection closes', async () => {
    // 90 of the 100 KB, then nothing more: below the minimum rate, it is cut off after its first second.
    const stalled = await holdBody('/v1/videos', `Content-Length: ${90 * KB}`, '{"prompt": "');
    try {
      expect(await stalled.whenClosed(5000)).toBe(true);
      expect(stalled.received()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      stalled.socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await create('x'.repeat(20 * KB))).status).toBe(200);
  });

  test('a body declared past what is left of the budget is refused at once with a 503 and Retry-After; the same body passes once the budget frees', async () => {
    const holder = await holdBody('/v1/videos', `Content-Length: ${90 * KB}`, '{"prompt": "');
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expectBudgetRefusal(await create('x'.repeat(20 * KB)));
      // A small body still fits beside the one held.
      expect((await create('a short prompt')).status).toBe(200);
    } finally {
      holder.socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await create('x'.repeat(20 * KB))).status).toBe(200);
  });

  test('a chunked body is counted as its chunks arrive: past the budget it is refused at once, drained, and the connection serves the next request', async () => {
    const raw = await holdBody('/v1/videos', 'Transfer-Encoding: chunked', '');
    try {
      const chunk = `{"prompt": "${'c'.repeat(120 * KB)}`;
      raw.socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
      expect(await raw.whenReceived(/^HTTP\/1\.1 503 [^]*\}$/, 3000)).toBe(true);
      const refusal = raw.received();
      expect(rawHeader(refusal, 'retry-after')).toBe('1');
      expect((rawBody(refusal) as BifrostError).error).toMatchObject({ type: 'mock_body_budget' });
      // The rest of the body is drained, not kept: the connection takes its next request.
      raw.socket.write('2\r\n"}\r\n0\r\n\r\n');
      raw.socket.write('GET /v1/videos?provider=openai&limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-bf-x\r\n\r\n');
      expect(await raw.whenReceived(/HTTP\/1\.1 200 /, 3000)).toBe(true);
    } finally {
      raw.socket.destroy();
    }
  });

  test('admin bodies share the budget: with it held, an admin write is a 503 with Retry-After and changes nothing', async () => {
    const holder = await holdBody('/v1/videos', `Content-Length: ${90 * KB}`, '{"prompt": "');
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rule = { name: 'padded', match: { provider: 'azure' }, respond: { preset: 'rate_limited' }, note: 'n'.repeat(20 * KB) };
      const refused = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as BifrostError).error).toMatchObject({ type: 'mock_body_budget' });
      expect(((await (await fetch(`${server.url}/__mock/faults`)).json()) as { rules: unknown[] }).rules).toEqual([]);
    } finally {
      holder.socket.destroy();
    }
  });
});
