import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { openRawSocket, rawBody, rawHeader, type RawSocket } from '../support/rawSocket.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const KB = 1024;
let server: TestServer;
beforeAll(async () => {
  // A short body time budget: a body held back is cut off within 2 s.
  server = await startTestServer({ limits: { bodyMemoryBytes: 100 * KB, bodyTimeoutMs: 2000 } });
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

/** 90 of the 100 KB arrived: a JSON body of 91 KB whose last KB is kept back. */
const holdNinetyKb = () => holdBody('/v1/videos', `Content-Length: ${91 * KB}`, `{"prompt": "${'h'.repeat(90 * KB - 12)}`);

/** A create of this prompt, its JSON padded with `padding` bytes of white space (a prompt has at most 32,000 characters). */
const create = (prompt: string, padding = 0) =>
  fetch(`${server.url}/v1/videos`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, model: 'openai/sora-2' }) + ' '.repeat(padding),
  });

describe('the body memory budget', () => {
  test('a body cut off by its deadline (a 408) gives its share of the budget back once its connection closes', async () => {
    // 90 of the 100 KB arrive, then nothing more: it is cut off at the body time budget.
    const stalled = await holdNinetyKb();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expectBudgetRefusal(await create('x'.repeat(20 * KB)));
      expect(await stalled.whenClosed(5000)).toBe(true);
      expect(stalled.received()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      stalled.socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await create('x'.repeat(20 * KB))).status).toBe(200);
  });

  test('a body declared past what is left of the budget is refused at once with a 503 and Retry-After; the same body passes once the budget frees', async () => {
    const holder = await holdNinetyKb();
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

  test('a Content-Length reserves nothing: uploads that declare large bodies and send them slowly do not shut other bodies out', async () => {
    // Three bodies declaring 90 KB each (270 KB of a 100 KB budget), sending a few bytes.
    const slow = await Promise.all([1, 2, 3].map(() => holdBody('/v1/videos', `Content-Length: ${90 * KB}`, '{"prompt": "')));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await create('x'.repeat(20 * KB))).status).toBe(200);
    } finally {
      for (const raw of slow) raw.socket.destroy();
    }
  });

  test('a body that stops fitting as it arrives is refused then, with a 503, and what it held is given back', async () => {
    // Declared at 60 KB, it fits beside the 20 KB held; it stops fitting when the holder's next 40 KB arrive first.
    const holder = await holdBody('/v1/videos', `Content-Length: ${91 * KB}`, `{"prompt": "${'h'.repeat(20 * KB)}`);
    const late = await holdBody('/v1/videos', `Content-Length: ${60 * KB}`, `{"prompt": "${'l'.repeat(10 * KB)}`);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      holder.socket.write('h'.repeat(60 * KB));
      await new Promise((resolve) => setTimeout(resolve, 100));
      late.socket.write('l'.repeat(40 * KB));
      expect(await late.whenReceived(/^HTTP\/1\.1 503 [^]*\}$/, 3000)).toBe(true);
      expect((rawBody(late.received()) as BifrostError).error).toMatchObject({ type: 'mock_body_budget' });
    } finally {
      holder.socket.destroy();
      late.socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Both gave back what they held: 90 KB fit again.
    expect((await create('x'.repeat(20 * KB), 70 * KB)).status).toBe(200);
  });

  test('admin bodies share the budget: with it held, an admin write is a 503 with Retry-After and changes nothing', async () => {
    const holder = await holdNinetyKb();
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
