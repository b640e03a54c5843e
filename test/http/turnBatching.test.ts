import { connect } from 'node:net';
import { AUTH, KEY, startTestServer, type TestServer } from '../support/http.js';

/**
 * The Node host decides the requests of one turn of the event loop, and writes their replies,
 * at its end (src/hosts/express/turnBatch.ts). Batched or not, every reply must reach its own
 * request, in order on a connection; an admin call must not overtake the API requests sent
 * before it; a client that leaves before its reply is written must harm nothing, and its
 * request must still reach the journal.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sends `raw` in one write and reads until the server closes the connection (the last request says `Connection: close`). */
function exchange(raw: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed connection would make Node drop the requests still queued.
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

test('pipelined requests sent in one write are answered in order, each with its own answer', async () => {
  const body = JSON.stringify({ prompt: 'a pipelined paper boat', model: 'openai/sora-2' });
  const raw = [
    `GET /v1/videos?provider=openai&limit=2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\n\r\n`,
    `POST /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    `GET /v1/videos/video_missing:openai HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nConnection: close\r\n\r\n`,
  ].join('');
  const text = await exchange(raw);
  const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  expect(statuses).toEqual([200, 200, 404]);
  const [, list, created, missing] = text.split(/HTTP\/1\.1 (?=\d{3} )/);
  expect(list).toContain('"object":"list"');
  expect(created).toContain('"prompt":"a pipelined paper boat"');
  expect(created).toContain('"status":"queued"');
  expect(missing).toContain('"is_bifrost_error"');
});

test('many requests at once each get their own answer', async () => {
  const prompts = Array.from({ length: 48 }, (_, i) => `boat number ${i}`);
  const answers = await Promise.all(
    prompts.map(async (prompt, i) => {
      // Creates and list pages interleaved, so one turn decides answers of both kinds.
      if (i % 3 === 2) {
        const page = await fetch(`${server.url}/v1/videos?provider=openai&limit=${1 + (i % 5)}`, { headers: AUTH });
        return { prompt: undefined, limit: 1 + (i % 5), status: page.status, body: (await page.json()) as { data?: unknown[]; prompt?: string } };
      }
      const response = await fetch(`${server.url}/v1/videos`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt, model: 'openai/sora-2' }),
      });
      return { prompt, limit: undefined, status: response.status, body: (await response.json()) as { data?: unknown[]; prompt?: string } };
    }),
  );
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    if (answer.prompt !== undefined) expect(answer.body.prompt).toBe(answer.prompt);
    else expect(answer.body.data).toHaveLength(answer.limit!);
  }
});

test('clients that leave before their answer is written harm nothing', async () => {
  const { hostname, port } = new URL(server.url);
  const body = JSON.stringify({ prompt: 'gone before the answer', model: 'openai/sora-2' });
  await Promise.all(
    Array.from({ length: 20 }, () => new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        socket.resetAndDestroy();
        resolve();
      });
      socket.on('error', () => undefined);
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const after = await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH });
  expect(after.status).toBe(200);
  await after.arrayBuffer();
  expect(server.logs.filter((line) => /cannot|error|Error/.test(line))).toEqual([]);
});

test('a client that leaves in the middle of its body is still journaled, as answered with nothing', async () => {
  await fetch(`${server.url}/__mock/reset/journal`, { method: 'POST' });
  const { hostname, port } = new URL(server.url);
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"prompt":`);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
  });
  let entries: { method: string; status: number | null }[] = [];
  for (let i = 0; i < 50 && entries.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    entries = ((await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: typeof entries }).requests.filter((e) => e.method === 'POST');
  }
  expect(entries).toEqual([expect.objectContaining({ method: 'POST', status: null })]);
});

test('an admin call sent after an API request, in the same write, does not overtake it', async () => {
  const created = await fetch(`${server.url}/v1/videos`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'made before the reset', model: 'openai/sora-2' }),
  });
  const { id } = (await created.json()) as { id: string };
  // A retrieve, then a reset of the jobs: the retrieve must be answered from the world before it.
  const retrieve = `GET /v1/videos/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\n\r\n`;
  const text = await exchange(`${retrieve}POST /__mock/reset/jobs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]))).toEqual([200, 200]);
  expect(text).toContain(`"id":"${id}"`);
  const after = await fetch(`${server.url}/v1/videos/${id}`, { headers: AUTH });
  await after.arrayBuffer();
  expect(after.status).toBe(404);
});

test('a request queued behind one whose fault resets the connection is still journaled', async () => {
  await fetch(`${server.url}/__mock/reset/journal`, { method: 'POST' });
  const rule = [{ name: 'one reset', times: 1, respond: { preset: 'reset' } }];
  const put = await fetch(`${server.url}/__mock/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  expect(put.status).toBe(200);
  try {
    const { hostname, port } = new URL(server.url);
    const list = `GET /v1/videos?provider=openai&limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\n\r\n`;
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => socket.write(`${list}${list}`));
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    let entries: { url: string; status: number | null; fault: string | null }[] = [];
    for (let i = 0; i < 50 && entries.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      entries = ((await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: typeof entries }).requests;
    }
    // In the order they ended: the queued one is skipped in the write pass, before the reset's 'close'.
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ url: '/v1/videos?provider=openai&limit=1', status: null, fault: 'one reset' }),
        expect.objectContaining({ url: '/v1/videos?provider=openai&limit=1', status: null, fault: null }),
      ]),
    );
  } finally {
    await fetch(`${server.url}/__mock/faults`, { method: 'DELETE' });
  }
});
