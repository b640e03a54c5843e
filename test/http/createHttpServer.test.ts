import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import express from 'express';
import { createHttpServer } from '../../src/hosts/express/createHttpServer.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createHttpServer', () => {
  test("requests and responses are born with the app's prototypes, on every server of the app, and Express works as usual", async () => {
    const app = express();
    app.get('/echo', (req, res) => {
      res.status(201).json({ header: req.get('x-probe'), query: req.query['q'] });
    });
    const servers = [createHttpServer(app), createHttpServer(app)];
    // Listeners added first run before Express: they see the objects as Node created them.
    const bornWith: boolean[] = [];
    for (const server of servers) {
      server.prependListener('request', (req: IncomingMessage, res) => {
        bornWith.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
      });
    }
    try {
      for (const server of servers) {
        const url = await listen(server);
        for (const q of ['a', 'b']) {
          const response = await fetch(`${url}/echo?q=${q}`, { headers: { 'X-Probe': 'yes' } });
          expect(response.status).toBe(201);
          expect(await response.json()).toEqual({ header: 'yes', query: q });
        }
      }
      expect(bornWith).toEqual([true, true, true, true]);
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
