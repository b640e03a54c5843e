import { Agent, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer, replaceApp } from '../../src/hosts/express/createHttpServer.js';

/** A GET on a keep-alive agent of one socket, reporting the body and the local port used. */
function fetchOn(agent: Agent, url: string): Promise<{ body: string; port: number | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response: IncomingMessage) => {
      // The socket goes back to the agent's pool at the end: read its port now.
      const port = response.socket.localPort;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ body, port }));
    }).on('error', reject);
  });
}

function appSaying(word: string, delayMs = 0) {
  const app = express();
  app.get('/word', (_req, res) => {
    setTimeout(() => res.json(word), delayMs);
  });
  return app;
}

describe('replaceApp', () => {
  test('the next requests go to the new app on the same connection; one in flight finishes in the old', async () => {
    const server = createHttpServer(appSaying('old', 300));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/word`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const bornWith: boolean[] = [];
    let current = appSaying('new');
    server.prependListener('request', (req: IncomingMessage) => bornWith.push(Object.getPrototypeOf(req) === current.request));
    try {
      const inFlight = fetchOn(agent, url);
      // Swap only once the first request has reached the old app (a busy machine may take a while).
      while (bornWith.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      replaceApp(server, current);
      const first = await inFlight;
      expect(first.body).toBe('"old"');
      const second = await fetchOn(agent, url);
      expect(second).toEqual({ body: '"new"', port: first.port }); // same socket
      current = appSaying('newer');
      replaceApp(server, current);
      expect((await fetchOn(agent, url)).body).toBe('"newer"');
      // Requests after a swap are still born with the current app's prototypes (the fast path).
      expect(bornWith.slice(1)).toEqual([true, true]);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('refuses a server it did not make', () => {
    expect(() => replaceApp(new (class extends Agent {})() as never, express())).toThrow(/not made by createHttpServer/);
  });
});
