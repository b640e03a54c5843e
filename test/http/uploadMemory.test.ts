import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { rawBody, rawHeader } from '../support/rawSocket.js';
import { cli } from '../support/runCli.js';
import { errorSchemaProblems } from '../support/specJudge.js';

/**
 * The upload flood of issue 17, scaled down: sockets each sending 30 fields of 128 KB and a
 * 4 MB file and never the closing boundary, against the CLI with a body memory budget of 16 MB.
 * Memory is read from the child's /proc status: VmHWM is its peak resident set.
 */
const BUDGET_MB = 16;
const SOCKETS = 40; // 40 x 7.9 MB: without a budget the mock would hold over 300 MB
const CHUNKED_SOCKETS = 8;
/** Peak RSS allowed: the mock at rest (about 110 MB here) plus the budget, with room for Node's own buffers. */
const PEAK_RSS_CAP_MB = 260;

const boundary = 'flood';
const fields = Array.from({ length: 30 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${'a'.repeat(128 * 1024 - 16)}\r\n`).join('');
const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="input_reference"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
const almostAll = Buffer.concat([Buffer.from(fields + fileHead), Buffer.alloc(4 * 1024 * 1024 - 64, 1)]);
const declared = almostAll.length + `\r\n--${boundary}--\r\n`.length;

let child: ChildProcess;
let url: string;
beforeAll(async () => {
  const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
  child = spawn(process.execPath, [cli, '--port', '0', '--clock', 'frozen', '--max-body-memory', String(BUDGET_MB)], { env: plainEnv });
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
  });
});
afterAll(() => {
  child.kill('SIGKILL');
});

/** Resident memory of the mock now and at its peak, in MB. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

interface Attacker {
  socket: Socket;
  received: () => string;
}

/** Sends the flood's body (declared in full, or chunked) without its last bytes; resolves once written. */
function attack(chunked: boolean): Promise<Attacker> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(Number(port), hostname, () => {
      const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${declared}`;
      socket.write(`POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-bf-flood\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n${framing}\r\n\r\n`);
      const body = chunked ? Buffer.concat([Buffer.from(`${almostAll.length.toString(16)}\r\n`), almostAll, Buffer.from('\r\n')]) : almostAll;
      socket.write(body, () => resolve(attacker));
    });
    const attacker = { socket, received: () => text };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => resolve(attacker));
  });
}

/** A 720x1280 PNG padded to 4 MB: the largest input reference a create takes. */
const reference = Buffer.concat([pngOfSize(720, 1280), Buffer.alloc(4 * 1024 * 1024 - 20_000)]);
function createWithReference(): Promise<Response> {
  const form = new FormData();
  form.set('prompt', 'A paper boat on a rainy street');
  form.set('model', 'openai/sora-2');
  form.set('input_reference', new Blob([reference], { type: 'image/png' }), 'reference.png');
  return fetch(`${url}/v1/videos`, { method: 'POST', headers: AUTH, body: form });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('an upload flood past the body memory budget gets 503s with Retry-After at once, memory stays under its cap, and uploads pass again once the budget frees', async () => {
  expect(memory().peak).toBeLessThan(PEAK_RSS_CAP_MB - BUDGET_MB);
  const attackers = await Promise.all([...Array.from({ length: SOCKETS }, () => attack(false)), ...Array.from({ length: CHUNKED_SOCKETS }, () => attack(true))]);
  try {
    await sleep(500);
    const answers = attackers.map((a) => a.received()).filter((text) => text !== '');
    // Only the bodies the budget holds (two of 7.9 MB in 16 MB) are still being read; the rest were refused.
    expect(answers.length).toBeGreaterThanOrEqual(SOCKETS + CHUNKED_SOCKETS - 2);
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(rawHeader(answer, 'retry-after')).toBe('1');
      const body = rawBody(answer) as BifrostError;
      expect(errorSchemaProblems(body)).toEqual([]);
      expect(body.error).toMatchObject({ type: 'mock_body_budget' });
    }
    expect(memory().peak).toBeLessThan(PEAK_RSS_CAP_MB);
    // The mock answers everything else meanwhile; an upload waits for room.
    expect((await fetch(`${url}/v1/videos?provider=openai&limit=1`, { headers: AUTH })).status).toBe(200);
    const refused = await createWithReference();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    await refused.text();
  } finally {
    for (const { socket } of attackers) socket.destroy();
  }
  await sleep(200);
  const created = await createWithReference();
  expect(created.status).toBe(200);
  expect(await created.json()).toMatchObject({ status: 'queued', size: '720x1280' });
});

test('uploaded files are not kept: sixty 4 MB uploads one after another leave memory where it was, and the journal holds no file', async () => {
  const before = memory().rss;
  for (let i = 0; i < 60; i++) {
    const response = await createWithReference();
    expect(response.status).toBe(200);
    await response.text();
  }
  // Kept, the files would add 240 MB; garbage not yet collected stays well under half of that.
  expect(memory().rss - before).toBeLessThan(100);
  expect(memory().peak).toBeLessThan(300);
  const { requests } = (await (await fetch(`${url}/__mock/requests`)).json()) as { requests: { id: number; method: string; status: number | null }[] };
  // The newest create (the journal also holds the first test's uploads cut off mid-body, as 400s not sent).
  const last = requests.filter((entry) => entry.method === 'POST' && entry.status === 200).at(-1)!;
  const detail = await (await fetch(`${url}/__mock/requests/${last.id}`)).text();
  expect(detail).toContain('A paper boat on a rainy street');
  expect(detail.length).toBeLessThan(64 * 1024);
});
