import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { createHttpServer } from '../../src/http/createHttpServer.js';

describe('createHttpServer', () => {
  test("requests and responses are born with the app's prototypes, and Express works as usual", async () => {
    const app = express();
    app.get('/echo', (req, res) => {
      res.status(201).json({ header: req.get('x-probe'), query: req.query['q'] });
    });
    const server = createHttpServer(app);
    // Listeners added first run before Express: they see the objects as Node created them.
    const bornWith: boolean[] = [];
    server.prependListener('request', (req: IncomingMessage, res) => {
      bornWith.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const q of ['a', 'b']) {
        const response = await fetch(`http://127.0.0.1:${port}/echo?q=${q}`, { headers: { 'X-Probe': 'yes' } });
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual({ header: 'yes', query: q });
      }
      expect(bornWith).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
