import { AUTH, startTestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';

const LIST = '/v1/videos?provider=openai&limit=2';

/** How long close() takes; it must not wait out keep-alive or held sockets. */
async function timedClose(close: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await close();
  return performance.now() - started;
}

describe('graceful shutdown', () => {
  test('close() lets an in-flight request finish, then ends without waiting out keep-alive', async () => {
    const server = await startTestServer();
    const inFlight = fetch(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': 'slow:400' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = timedClose(() => server.close());
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(2);
    // Node's keep-alive timeout is 5 s: finishing well before it shows the socket was ended.
    expect(await closing).toBeLessThan(2500);
  });

  test('close() drops hung requests instead of waiting for them', async () => {
    const server = await startTestServer();
    const hung = rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await timedClose(() => server.close())).toBeLessThan(2500);
    expect((await hung).kind).toBe('error');
  });

  test('a request that starts hanging after close() began is dropped too', async () => {
    const server = await startTestServer({ latency: 300 });
    const hung = rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await timedClose(() => server.close())).toBeLessThan(2500);
    expect((await hung).kind).toBe('error');
  });

  test('requests still running after the grace period are cut', async () => {
    const server = await startTestServer({ shutdownGraceMs: 200 });
    const slow = rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'slow:60000' }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await timedClose(() => server.close())).toBeLessThan(2500);
    expect((await slow).kind).toBe('error');
  });

  test('a client that gives up on a slow request leaves no timer behind the response', async () => {
    const server = await startTestServer();
    try {
      const outcome = await rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'slow:60000' }, 200);
      expect(outcome).toEqual({ kind: 'timeout' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { fault: string; status: number | null }[] };
      expect(journal.requests).toEqual([expect.objectContaining({ fault: 'slow:60000', status: null })]);
    } finally {
      expect(await timedClose(() => server.close())).toBeLessThan(2500);
    }
  });
});
