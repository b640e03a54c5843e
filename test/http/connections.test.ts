import { connect, type Socket } from 'node:net';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';
import { rawBody, rawHeader } from '../support/rawSocket.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const LIST = '/v1/videos?provider=openai&limit=2';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw TCP connection that records when the server closes it. */
function openSocket(url: string): Promise<Socket & { closedAt?: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket & { closedAt?: number } = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', () => {});
    socket.once('close', () => (socket.closedAt = performance.now()));
    socket.once('error', reject);
  });
}

describe('connection limits', () => {
  test('1,100 idle sockets do not lock out a new client: the oldest idle ones make room', async () => {
    const server = await startTestServer();
    const sockets: (Socket & { closedAt?: number })[] = [];
    try {
      for (let i = 0; i < 1100; i++) sockets.push(await openSocket(server.url));
      await sleep(200);
      const response = await getJson(`${server.url}${LIST}`);
      expect(response.status).toBe(200);
      // At most 1,000 are kept: the first idle ones were closed for the later ones.
      expect(sockets.slice(0, 100).every((s) => s.closedAt !== undefined)).toBe(true);
      expect(sockets.filter((s) => s.closedAt === undefined).length).toBeLessThanOrEqual(1000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  });

  test('past the cap and its admin reserve with every connection busy, a new connection is closed at once, and served again once one frees', async () => {
    const server = await startTestServer({ limits: { maxConnections: 2, adminReserve: 1 } });
    let reserved: Socket | undefined;
    try {
      const hung = [1, 2].map(() => rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 4000));
      await sleep(300);
      // A journal stream keeps the one connection of the admin reserve busy.
      reserved = await openSocket(server.url);
      let streamed = '';
      reserved.on('data', (chunk: Buffer) => (streamed += chunk.toString()));
      reserved.write('GET /__mock/requests/stream HTTP/1.1\r\nHost: localhost\r\n\r\n');
      for (let waited = 0; !streamed.includes('event: snapshot') && waited < 3000; waited += 20) await sleep(20);
      expect(streamed).toContain('event: snapshot');
      const started = performance.now();
      const refused = await rawGet(`${server.url}${LIST}`, AUTH, 5000);
      expect(refused.kind).toBe('error');
      expect(performance.now() - started).toBeLessThan(2000); // not the 5 s of waiting for an answer
      await Promise.all(hung); // the clients give up on their hangs
      await sleep(100);
      expect(await rawGet(`${server.url}${LIST}`, AUTH)).toMatchObject({ kind: 'response', status: 200 });
    } finally {
      reserved?.destroy();
      await server.close();
    }
  });

  test('a connection that never sends a request is closed after the idle timeout', async () => {
    const server = await startTestServer({ limits: { idleTimeoutMs: 300 } });
    try {
      const started = performance.now();
      const socket = await openSocket(server.url);
      await sleep(1500);
      expect(socket.closedAt).toBeDefined();
      expect(socket.closedAt! - started).toBeGreaterThanOrEqual(250);
    } finally {
      await server.close();
    }
  });

  test('a client that dribbles its headers gets a 408 after the headers timeout', async () => {
    const server = await startTestServer({ limits: { headersTimeoutMs: 300 } });
    try {
      const socket = await openSocket(server.url);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.write('GET /v1/videos?provider=openai HTTP/1.1\r\nHost: localhost\r\n');
      const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
      await sleep(2500);
      clearInterval(drip);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
      expect(socket.closedAt).toBeDefined();
      // A BifrostError like every other answer, not Node's bare 408.
      expect(rawHeader(received, 'connection')).toBe('close');
      const body = rawBody(received) as BifrostError;
      expect(errorSchemaProblems(body)).toEqual([]);
      expect(body.error).toMatchObject({ type: 'request_timeout' });
    } finally {
      await server.close();
    }
  });

  test("the README's Limits table states the caps and timeouts the code enforces", async () => {
    const { readFileSync } = await import('node:fs');
    const { defaultConnectionLimits: d } = await import('../../src/hosts/express/connectionLimits.js');
    const { MAX_RULES } = await import('../../src/core/faults/parseRules.js');
    const { MAX_SCENARIO_BYTES } = await import('../../src/files/loadScenario.js');
    const { MAX_ADMIN_BODY } = await import('../../src/hosts/express/admin/adminRouter.js');
    const { MAX_LATENCY_MS } = await import('../../src/core/faults/FaultRule.js');
    const { LONG_WAIT_MS } = await import('../../src/core/pipeline/faultTiming.js');
    const { BODY_RATE_GRACE_MS } = await import('../../src/hosts/express/bodyDeadlines.js');
    const { RETRY_AFTER_SECONDS } = await import('../../src/hosts/express/hostErrors.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Limits'), readme.indexOf('\n## ', readme.indexOf('## Limits') + 1));
    const row = (what: string) => section.split('\n').find((line) => line.startsWith(`| ${what} |`)) ?? `(no row "${what}")`;
    const count = (n: number) => n.toLocaleString('en-US');
    expect(row('fault rules in force')).toContain(`| ${count(MAX_RULES)} |`);
    expect(row('admin request body')).toContain(`| ${MAX_ADMIN_BODY.replace('kb', ' KB')} |`);
    expect(row('`--faults` file')).toContain(`| ${MAX_SCENARIO_BYTES / 1024} KiB |`);
    expect(row('open connections')).toContain(`| ${count(d.maxConnections)} (\`--max-connections\`) |`);
    expect(row('held connections: `hang` faults and fault delays of 1 s or more')).toContain(`| ${d.maxHeld} (\`--max-held\`) |`);
    expect(LONG_WAIT_MS).toBe(1000);
    expect(row('request headers received')).toContain(`| ${d.headersTimeoutMs / 1000} s |`);
    expect(row('whole request received')).toContain(`| ${d.requestTimeoutMs / 1000} s |`);
    expect(row('idle keep-alive connection')).toContain(`| ${d.keepAliveTimeoutMs / 1000} s |`);
    expect(row('connection with no traffic at all')).toContain(`| ${d.idleTimeoutMs / 1000} s |`);
    expect(row('an answer its client does not read (not a byte of it taken, say a download never read, or many pipelined ones)')).toContain(
      `| ${d.sendStallTimeoutMs / 1000} s |`,
    );
    expect(row('admin reserve: connections past the cap that serve `/__mock` only')).toContain(`| ${d.adminReserve} |`);
    expect(row('admin reserve: connections past the cap that serve `/__mock` only')).toContain(`\`Retry-After: ${RETRY_AFTER_SECONDS}\``);
    expect(row('request body received (from the end of its headers)')).toContain(`| ${d.bodyTimeoutMs / 1000} s | \`408\``);
    expect(row('request body rate')).toContain(`| ${d.minBodyBytesPerSecond / 1024} KB/s on average, from its first ${BODY_RATE_GRACE_MS / 1000} s on |`);
    const memory = row('request bodies held in memory at once, across all connections');
    expect(memory).toContain(`| ${d.bodyMemoryBytes / (1024 * 1024)} MB (\`--max-body-memory\`) |`);
    expect(memory).toContain(`\`Retry-After: ${RETRY_AFTER_SECONDS}\``);
    expect(memory).toContain(`${MAX_ADMIN_BODY.replace('kb', ' KB')} when chunked`);
    expect(row('one fault delay (`slow`, `latency`, `--latency`)')).toContain(`| ${MAX_LATENCY_MS / 60_000} min |`);
    const { MAX_DETAIL_BODY_BYTES, DEFAULT_DETAIL_CAPACITY } = await import('../../src/core/journal/requestJournal.js');
    expect(row('a request body kept in its detail')).toContain(`| ${MAX_DETAIL_BODY_BYTES / 1024} KB, as sent |`);
    expect(row('request details (headers and bodies, `GET /__mock/requests/{id}`)')).toContain(`| the newest ${DEFAULT_DETAIL_CAPACITY} requests |`);
  });
});

describe('the held ceiling (hang and long slow faults)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxHeld: 2 } });
  });
  afterAll(() => server.close());

  test('past the ceiling a hang is answered at once with a 503 saying why; short delays do not count', async () => {
    const held = [
      rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 4000),
      rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'slow:3000' }, 8000),
    ];
    await sleep(300);
    const started = performance.now();
    const over = await getJson<BifrostError>(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': 'hang' } });
    expect(performance.now() - started).toBeLessThan(2000); // at once, not after a hang
    expect(over.status).toBe(503);
    expect(over.body.error).toMatchObject({ type: 'mock_held_ceiling' });
    expect(over.body.error.message).toMatch(/already holds 2 connections open for hang and slow faults/);
    // A short delay holds nothing and is served as usual.
    expect((await getJson(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': 'slow:100' } })).status).toBe(200);
    const [hang, slow] = await Promise.all(held);
    expect(hang).toEqual({ kind: 'timeout' });
    expect(slow).toMatchObject({ kind: 'response', status: 200 });
    await sleep(100);
    // Both released: a hang is held again.
    expect(await rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 500)).toEqual({ kind: 'timeout' });
    const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { fault: string | null; status: number | null }[] };
    expect(journal.requests).toContainEqual(expect.objectContaining({ fault: 'hang (over the held ceiling of 2)', status: 503 }));
  });
});
