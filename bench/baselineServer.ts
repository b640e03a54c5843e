/**
 * The baseline: a bare Express 5 route returning a precomputed body (the JSON file given as
 * the first argument, with the status given as the second). Whatever we add on top of this
 * is the cost of being a real mock. ETag and X-Powered-By are off, as in our app, so the
 * baseline does no work that ours skips.
 *
 * With `--tuned`, the same app is served through our createHttpServer (Express's prototypes
 * from birth): the fair reference for what our own mock logic costs. With `--raw`, the same
 * route on Node's own http server, no Express at all: it serializes the same precomputed page
 * each time, as the bare route's res.json does, so the two differ by Express alone.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer } from '../src/hosts/express/createHttpServer.js';

const body: unknown = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const status = Number(process.argv[3] ?? 200);
const tuned = process.argv.includes('--tuned');
const raw = process.argv.includes('--raw');

const app = express();
app.disable('etag');
app.disable('x-powered-by');
// Every route and method answers the same precomputed body (list, retrieve, create).
app.use((_req, res) => {
  res.status(status).json(body);
});
const server = raw
  ? createServer((_req, res) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
    })
  : tuned
    ? createHttpServer(app)
    : createServer(app);
server.listen(0, '127.0.0.1', () => {
  console.log(`${raw ? 'raw ' : tuned ? 'tuned ' : ''}baseline listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
