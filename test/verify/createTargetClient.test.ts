import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTargetClient, retryAfterMs } from '../../src/verify/createTargetClient.js';

/** A server that answers each request with what `answer` says for its sequence number. */
async function scriptedServer(answer: (n: number, req: IncomingMessage, res: ServerResponse) => void) {
  let n = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('finish', () => (inFlight -= 1));
    seen.push(req);
    answer((n += 1), req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const options = { timeoutMs: 2000, retries: 2, maxRetryWaitMs: 5000, concurrency: 4 };

describe('createTargetClient', () => {
  test('a 429 is sent again after the wait its Retry-After asks for, and the retry is reported', async () => {
    const server = await scriptedServer((n, _req, res) =>
      n === 1 ? res.writeHead(429, { 'retry-after': '1' }).end('{}') : res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    );
    try {
      const client = createTargetClient({ baseUrl: server.url, ...options });
      const started = Date.now();
      const response = await client.send({ path: '/v1/videos' });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ ok: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(client.retries()).toEqual([{ request: `GET ${server.url}/v1/videos`, status: 429, waitedMs: 1000 }]);
      expect(client.requests()).toBe(2);
    } finally {
      await server.close();
    }
  });

  test('retries are bounded: after the last one the 503 is the answer; long waits are cut to the maximum', async () => {
    const server = await scriptedServer((_n, _req, res) => res.writeHead(503, { 'retry-after': '3600' }).end('{}'));
    try {
      const client = createTargetClient({ baseUrl: server.url, ...options, retries: 1, maxRetryWaitMs: 50 });
      expect((await client.send({ path: '/x' })).status).toBe(503);
      expect(client.retries().map((r) => r.waitedMs)).toEqual([50]);
      expect(client.requests()).toBe(2);
    } finally {
      await server.close();
    }
  });

  test('concurrency 1 keeps one request in flight; no answer within the timeout is status 0', async () => {
    const server = await scriptedServer((n, _req, res) => setTimeout(() => res.writeHead(200).end('{}'), n === 5 ? 500 : 30));
    try {
      const client = createTargetClient({ baseUrl: server.url, ...options, concurrency: 1, timeoutMs: 200 });
      const answers = await Promise.all([1, 2, 3, 4].map(() => client.send({ path: '/slow' })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(server.maxInFlight()).toBe(1);
      expect((await client.send({ path: '/slow' })).status).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('extra headers are sent; an x-bf-vk header replaces the token; auth: false sends neither', async () => {
    const server = await scriptedServer((_n, _req, res) => res.writeHead(200).end('{}'));
    try {
      const withToken = createTargetClient({ baseUrl: server.url, ...options, token: 'sk-bf-t', headers: { 'X-Trace': 'on' } });
      await withToken.send({ path: '/a', query: { limit: ['1', '2'] } });
      const withKey = createTargetClient({ baseUrl: server.url, ...options, token: 'sk-bf-t', headers: { 'x-bf-vk': 'sk-bf-k' } });
      await withKey.send({ path: '/b' });
      await withKey.send({ path: '/c', auth: false });
      const [a, b, c] = server.seen;
      expect([a!.headers.authorization, a!.headers['x-trace'], a!.url]).toEqual(['Bearer sk-bf-t', 'on', '/a?limit=1&limit=2']);
      expect([b!.headers.authorization, b!.headers['x-bf-vk']]).toEqual([undefined, 'sk-bf-k']);
      expect([c!.headers.authorization, c!.headers['x-bf-vk']]).toEqual([undefined, undefined]);
    } finally {
      await server.close();
    }
  });

  test.each([
    ['2', 2000],
    [' 0 ', 0],
    ['soon', undefined],
    [null, undefined],
  ])('Retry-After %j waits %j ms', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms);
  });

  test('Retry-After as an HTTP date waits until then', () => {
    const ms = retryAfterMs(new Date(Date.now() + 5000).toUTCString())!;
    expect(ms).toBeGreaterThan(3000);
    expect(ms).toBeLessThanOrEqual(5000);
  });
});
