import { spawn } from 'node:child_process';
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

  test('a client that gives up on a slow request leaves no timer behind: a script using startServer ends at once', async () => {
    // A timer still waiting for the abandoned request would keep the process alive for 60 s
    // after close(), the way jest reports "did not exit" in a user's suite.
    const index = new URL('../../dist/index.js', import.meta.url).href;
    const script = `
      import { get } from 'node:http';
      import { startServer } from '${index}';
      const server = await startServer({ port: 0, log: () => {} });
      await new Promise((resolve) => {
        const request = get(server.url + '${LIST}', { headers: { 'x-bf-vk': 'sk-bf-x', 'x-mock-fault': 'slow:60000' } });
        request.on('error', () => {});
        setTimeout(() => { request.destroy(); resolve(); }, 200);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.close();
      console.log('closed');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let stdout = '';
    let closedAt = Infinity;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('closed')) closedAt = Math.min(closedAt, performance.now());
    });
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill(), 20_000);
      child.once('exit', (exitCode) => {
        clearTimeout(killer);
        resolve(exitCode);
      });
    });
    expect(stdout).toContain('closed');
    expect(code).toBe(0);
    // Measured from close(), not from spawn: starting node is slow on a loaded machine, while a
    // leftover timer would hold the process for the full 60 s.
    expect(performance.now() - closedAt).toBeLessThan(3000);
  }, 40_000);

  test('a response finished while closing says Connection: close, so the client does not reuse the socket', async () => {
    const server = await startTestServer();
    const inFlight = rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'slow:300' }, 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();
    const outcome = await inFlight;
    await closing;
    expect(outcome).toMatchObject({ kind: 'response', status: 200, headers: { connection: 'close' } });
  });
});
