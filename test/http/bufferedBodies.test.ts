import { AUTH, KEY, startTestServer, type TestServer } from '../support/http.js';
import { openRawSocket, rawBody } from '../support/rawSocket.js';

/**
 * A small body (src/hosts/express/bufferedBody.ts) is taken whole from Node's buffer when its
 * request is decided, at the end of its turn. One that is not whole by then must still be read
 * as it arrives, with its deadlines; one that never ends, or whose client leaves, must give its
 * share of the memory budget back; an admin call sent after it must not overtake it.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const createHead = (length: number, extra = '') =>
  `POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
const createBody = (prompt: string) => JSON.stringify({ prompt, model: 'openai/sora-2' });

let server: TestServer;
beforeAll(async () => {
  // Deadlines short enough to see, a budget small enough to run out.
  server = await startTestServer({ limits: { bodyTimeoutMs: 1200, minBodyBytesPerSecond: 1, requestTimeoutMs: 60_000, bodyMemoryBytes: 1000 } });
});
afterAll(() => server.close());

test('a small body sent in a later write than its headers is read as it arrives, and the job is created', async () => {
  const body = createBody('a boat whose body came late');
  const raw = await openRawSocket(server.url);
  try {
    raw.socket.write(createHead(Buffer.byteLength(body)));
    await sleep(150);
    raw.socket.write(body.slice(0, 10));
    await sleep(150);
    raw.socket.write(body.slice(10));
    expect(await raw.whenReceived(/"status":"queued"/, 5000)).toBe(true);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(rawBody(raw.received())).toMatchObject({ object: 'video', prompt: 'a boat whose body came late' });
  } finally {
    raw.socket.destroy();
  }
});

test('a small body that stops arriving is cut off with a 408 by its deadline', async () => {
  const raw = await openRawSocket(server.url);
  try {
    raw.socket.write(`${createHead(60)}{"prompt": "`);
    expect(await raw.whenClosed(5000)).toBe(true);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw.received()).toMatch(/did not arrive in full within 1200 ms/);
  } finally {
    raw.socket.destroy();
  }
});

test('a small body sent slowly to an operation that takes none is still held to its deadline', async () => {
  const raw = await openRawSocket(server.url);
  try {
    // The list is answered at once; the body it does not read must still end in time.
    raw.socket.write(`GET /v1/videos?provider=openai&limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEY}\r\nContent-Length: 60\r\n\r\nabc`);
    expect(await raw.whenReceived(/"object":"list"/, 5000)).toBe(true);
    expect(await raw.whenClosed(5000)).toBe(true);
  } finally {
    raw.socket.destroy();
  }
});

test('a whole small body sent to an operation that takes none is not mistaken for a slow one while its answer waits', async () => {
  const slow = await startTestServer({ latency: 1500 });
  const raw = await openRawSocket(slow.url);
  try {
    raw.socket.write(`GET /v1/videos?provider=openai&limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEY}\r\nContent-Length: 5\r\n\r\nhello`);
    expect(await raw.whenReceived(/"object":"list"/, 5000)).toBe(true);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /);
  } finally {
    raw.socket.destroy();
    await slow.close();
  }
});

test('a client that leaves right after sending a whole small body is journaled, and the budget gets its share back', async () => {
  await fetch(`${server.url}/__mock/reset/journal`, { method: 'POST' });
  // 600 of the budget's 1,000 bytes each: the second fits only if the first gave its share back.
  const body = createBody(`a boat that nobody waited for ${'.'.repeat(520)}`);
  expect(Buffer.byteLength(body)).toBeGreaterThan(500);
  for (let i = 0; i < 3; i++) {
    const raw = await openRawSocket(server.url);
    raw.socket.end(`${createHead(Buffer.byteLength(body))}${body}`);
    raw.socket.destroy();
    await sleep(50);
  }
  const created = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body });
  expect(created.status).toBe(200);
  await created.arrayBuffer();
  const { requests } = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { method: string; status: number | null }[] };
  // Each gone client is journaled too (status null when it left before its answer was written).
  expect(requests.filter((entry) => entry.method === 'POST')).toHaveLength(4);
});

test('an admin call sent after a create with a small body, in the same write, does not overtake it', async () => {
  const raw = await openRawSocket(server.url);
  let text: string;
  try {
    const body = createBody('made just before the reset');
    raw.socket.write(`${createHead(Buffer.byteLength(body))}${body}POST /__mock/reset/jobs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(await raw.whenClosed(5000)).toBe(true);
    text = raw.received();
  } finally {
    raw.socket.destroy();
  }
  expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]))).toEqual([200, 200]);
  const id = /"id":"(video_[^"]+)"/.exec(text)?.[1];
  expect(id).toBeDefined();
  // Created first, then reset: the job is gone (decided after the reset, it would still be here).
  const after = await fetch(`${server.url}/v1/videos/${id!}`, { headers: AUTH });
  await after.arrayBuffer();
  expect(after.status).toBe(404);
});
