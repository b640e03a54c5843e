import { connect, type Socket } from 'node:net';
import type { VideoList } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A completed job's content URL path, to download. */
async function contentPath(server: TestServer): Promise<string> {
  const page = await getJson<VideoList>(`${server.url}/v1/videos?provider=openai&limit=50`);
  const done = page.body.data.find((job) => job.status === 'completed');
  if (!done) throw new Error('no completed job in the first page');
  return `/v1/videos/${encodeURIComponent(done.id)}/content`;
}

/**
 * A client that pipelines `count` downloads and never reads a byte of them: the answers fill
 * the kernel's buffers both ways and stop moving.
 */
function unreadDownloads(server: TestServer, path: string, count = 600): Promise<Socket & { closedAt?: number }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket: Socket & { closedAt?: number } = connect(Number(port), hostname, () => {
      socket.pause();
      const one = `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH.Authorization}\r\n\r\n`;
      socket.write(one.repeat(count));
      resolve(socket);
    });
    socket.on('error', () => {});
    socket.once('close', () => (socket.closedAt = performance.now()));
    socket.once('error', reject);
  });
}

describe('answers their clients do not read', () => {
  test('clients that stop reading their downloads do not hold the connection cap: at the cap, the one stalled the longest makes room', async () => {
    const server = await startTestServer({ limits: { maxConnections: 2, adminReserve: 1 }, clock: 'frozen' });
    const stalled: Socket[] = [];
    try {
      const path = await contentPath(server);
      await sleep(50); // the list's connection is idle now, and goes first
      for (let i = 0; i < 2; i++) stalled.push(await unreadDownloads(server, path));
      await sleep(2500); // both stalled for more than a second
      const list = await rawGet(`${server.url}/v1/videos?provider=openai&limit=2`, AUTH, 3000);
      expect(list).toMatchObject({ kind: 'response', status: 200 });
    } finally {
      for (const socket of stalled) socket.destroy();
      await server.close();
    }
  });

  test('a connection whose answer its client has not read for the send stall timeout is closed; one that reads is kept', async () => {
    const server = await startTestServer({ limits: { sendStallTimeoutMs: 1500, keepAliveTimeoutMs: 20_000 }, clock: 'frozen' });
    let reader: Socket | undefined;
    let unread: (Socket & { closedAt?: number }) | undefined;
    try {
      const path = await contentPath(server);
      unread = await unreadDownloads(server, path);
      // A client that reads its downloads as they come, and then waits on its connection.
      const readerSocket = connect(Number(new URL(server.url).port), '127.0.0.1');
      reader = readerSocket;
      let readerClosed = false;
      let answers = 0;
      readerSocket.on('data', (chunk: Buffer) => (answers += chunk.toString('latin1').split('HTTP/1.1 200').length - 1));
      readerSocket.on('error', () => {});
      readerSocket.once('close', () => (readerClosed = true));
      readerSocket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH.Authorization}\r\n\r\n`.repeat(50));
      await sleep(4000);
      // The unread one was closed: once it reads again, what the kernel held ends in a close.
      unread.resume();
      for (let waited = 0; unread.closedAt === undefined && waited < 3000; waited += 50) await sleep(50);
      expect(unread.closedAt).toBeDefined();
      expect(answers).toBe(50);
      expect(readerClosed).toBe(false);
    } finally {
      reader?.destroy();
      unread?.destroy();
      await server.close();
    }
  });
});
