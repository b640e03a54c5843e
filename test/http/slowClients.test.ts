import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';
import { openRawSocket, rawBody, rawHeader, type RawSocket } from '../support/rawSocket.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const LIST = '/v1/videos?provider=openai&limit=2';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a create's headers declaring `length` bytes of body, then `first` of them. */
async function startBody(url: string, length: number, first: string, type = 'application/json'): Promise<RawSocket> {
  const raw = await openRawSocket(url);
  raw.socket.write(`POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-bf-slow\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n${first}`);
  return raw;
}

/** A 408 BifrostError with Connection: close, the connection then closed. */
async function expectCutOff(raw: RawSocket, reason: RegExp): Promise<void> {
  expect(await raw.whenClosed(5000)).toBe(true);
  const response = raw.received();
  expect(response).toMatch(/^HTTP\/1\.1 408 /);
  expect(rawHeader(response, 'connection')).toBe('close');
  const body = rawBody(response) as BifrostError;
  expect(errorSchemaProblems(body)).toEqual([]);
  expect(body.error).toMatchObject({ type: 'request_timeout' });
  expect(body.error.message).toMatch(reason);
}

describe('slow request bodies', () => {
  test('five sockets trickling a body under --max-connections 5 lock nobody out: the slowest body is cut off with a 408 to make room', async () => {
    // Deadlines out of the way: only the connection cap is at work here.
    const server = await startTestServer({ limits: { maxConnections: 5, minBodyBytesPerSecond: 1, bodyTimeoutMs: 60_000 } });
    const trickling: RawSocket[] = [];
    try {
      for (let i = 0; i < 5; i++) trickling.push(await startBody(server.url, 100, '{'));
      await sleep(200);
      expect(await rawGet(`${server.url}${LIST}`, AUTH)).toMatchObject({ kind: 'response', status: 200 });
      expect(await rawGet(`${server.url}/__mock/health`, {})).toMatchObject({ kind: 'response', status: 200 });
      const admin = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ match: { provider: 'azure' }, respond: { preset: 'rate_limited' } }) });
      expect(admin.status).toBe(201);
      const cut = trickling.filter((raw) => raw.received() !== '');
      // One made room for the first client; the others came in as its connection closed.
      expect(cut.length).toBeGreaterThanOrEqual(1);
      for (const raw of cut) await expectCutOff(raw, /server is at its connection cap/);
    } finally {
      for (const raw of trickling) raw.socket.destroy();
      await server.close();
    }
  });

  test('a body arriving slower than the minimum rate is cut off with a 408 BifrostError', async () => {
    const server = await startTestServer({ limits: { minBodyBytesPerSecond: 1024 } });
    try {
      const raw = await startBody(server.url, 100_000, '{"prompt": "');
      const drip = setInterval(() => raw.socket.write('x'), 100);
      try {
        await expectCutOff(raw, /arrived slower than 1024 bytes\/s/);
      } finally {
        clearInterval(drip);
      }
      expect(await rawGet(`${server.url}${LIST}`, AUTH)).toMatchObject({ kind: 'response', status: 200 });
    } finally {
      await server.close();
    }
  });

  test('a body not in full within the body time budget is cut off with a 408, however fast it comes', async () => {
    const server = await startTestServer({ limits: { bodyTimeoutMs: 1200, minBodyBytesPerSecond: 1 } });
    try {
      // Multipart: a body of 10 MB is within its cap.
      const raw = await startBody(server.url, 10_000_000, '--b\r\n', 'multipart/form-data; boundary=b');
      const drip = setInterval(() => raw.socket.write('y'.repeat(2000)), 50);
      try {
        await expectCutOff(raw, /did not arrive in full within 1200 ms/);
      } finally {
        clearInterval(drip);
      }
    } finally {
      await server.close();
    }
  });

  test('a body that keeps its rate and ends within the budget is answered as usual', async () => {
    const server = await startTestServer({ limits: { bodyTimeoutMs: 5000, minBodyBytesPerSecond: 1024 } });
    try {
      const body = JSON.stringify({ prompt: `A slow upload ${'z'.repeat(6000)}`, model: 'openai/sora-2' });
      const raw = await startBody(server.url, Buffer.byteLength(body), '');
      for (let at = 0; at < body.length; at += 1000) {
        raw.socket.write(body.slice(at, at + 1000));
        await sleep(150);
      }
      expect(await raw.whenReceived(/\r\n\r\n\{.*\}$/s, 5000)).toBe(true);
      expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /);
      raw.socket.destroy();
    } finally {
      await server.close();
    }
  });

  test('the bytes of a body sent with its headers count toward its rate: a large first part buys a pause', async () => {
    const server = await startTestServer({ limits: { bodyTimeoutMs: 10_000, minBodyBytesPerSecond: 1024 } });
    try {
      // 40 KB in the headers' write, then 2.5 s of nothing: 16 KB/s on average all along. A
      // small body (not taken whole at the end of its turn) and a large one (read as a stream).
      for (const padding of [40 * 1024, 4 * 1024]) {
        const body = JSON.stringify({ prompt: 'Paused after its first part', model: 'openai/sora-2' }) + ' '.repeat(padding * 1.5);
        const raw = await startBody(server.url, Buffer.byteLength(body), body.slice(0, padding));
        await sleep(2500);
        raw.socket.write(body.slice(padding));
        expect(await raw.whenReceived(/\r\n\r\n\{.*\}$/s, 5000)).toBe(true);
        expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /);
        raw.socket.destroy();
      }
    } finally {
      await server.close();
    }
  });

  test('many sockets trickling bodies at a small cap never make the probes fail', async () => {
    const server = await startTestServer({ limits: { maxConnections: 20 } });
    const trickling: RawSocket[] = [];
    const drip = setInterval(() => {
      for (const raw of trickling) if (!raw.closed()) raw.socket.write('x');
    }, 500);
    try {
      for (let i = 0; i < 60; i++) trickling.push(await startBody(server.url, 100, '{'));
      const probes: number[] = [];
      for (let i = 0; i < 10; i++) {
        for (const path of [LIST, '/__mock/health']) {
          const outcome = await rawGet(`${server.url}${path}`, AUTH, 3000);
          probes.push(outcome.kind === 'response' ? outcome.status : 0);
        }
        // Keep the pressure on: new tricklers replace the ones cut off.
        for (let j = 0; j < 5; j++) trickling.push(await startBody(server.url, 100, '{'));
        await sleep(100);
      }
      expect(probes).toEqual(probes.map(() => 200));
    } finally {
      clearInterval(drip);
      for (const raw of trickling) raw.socket.destroy();
      await server.close();
    }
  });
});

/** A live journal stream on its own connection: a response that never ends. */
async function openJournalStream(url: string): Promise<RawSocket> {
  const raw = await openRawSocket(url);
  raw.socket.write('GET /__mock/requests/stream HTTP/1.1\r\nHost: localhost\r\n\r\n');
  expect(await raw.whenReceived(/event: snapshot/, 3000)).toBe(true);
  return raw;
}

describe('the admin reserve', () => {
  test('with every connection busy answering, /__mock still answers and anything else is a 503 with Retry-After; past the reserve a connection is closed at once', async () => {
    const server = await startTestServer({ limits: { maxConnections: 2, adminReserve: 2 } });
    const hung = [1, 2].map(() => rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 3000));
    const held: RawSocket[] = [];
    try {
      await sleep(300);
      expect(await rawGet(`${server.url}/__mock/health`, {})).toMatchObject({ kind: 'response', status: 200 });
      const refused = await rawGet(`${server.url}${LIST}`, AUTH);
      expect(refused).toMatchObject({ kind: 'response', status: 503 });
      if (refused.kind !== 'response') return;
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.headers['connection']).toBe('close');
      const body = JSON.parse(refused.body) as BifrostError;
      expect(errorSchemaProblems(body)).toEqual([]);
      expect(body.error).toMatchObject({ type: 'mock_connection_cap' });
      expect(body.error.message).toContain('all 2 connections');
      // Idle connections in a full reserve make room, as in the pool itself.
      for (let i = 0; i < 2; i++) held.push(await openRawSocket(server.url));
      await sleep(100);
      expect(await rawGet(`${server.url}/__mock/health`, {})).toMatchObject({ kind: 'response', status: 200 });
      expect(held.every((raw) => raw.closed() || raw.received() === '')).toBe(true);
      expect(held.filter((raw) => raw.closed()).length).toBeGreaterThanOrEqual(1);
      // Two journal streams keep the reserve busy: the next connection is closed at once.
      for (let i = 0; i < 2; i++) held.push(await openJournalStream(server.url));
      const started = performance.now();
      expect(await rawGet(`${server.url}/__mock/health`, {}, 5000)).toMatchObject({ kind: 'error' });
      expect(performance.now() - started).toBeLessThan(2000); // not the 5 s of waiting for an answer
      for (const raw of held) raw.socket.destroy();
      await Promise.all(hung);
      await sleep(100);
      expect(await rawGet(`${server.url}${LIST}`, AUTH)).toMatchObject({ kind: 'response', status: 200 });
    } finally {
      for (const raw of held) raw.socket.destroy();
      await server.close();
    }
  });
});
