/**
 * The baseline: a bare Express 5 route returning a precomputed body (the JSON file given as
 * the first argument, with the status given as the second). Whatever we add on top of this
 * is the cost of being a real mock.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

const body: unknown = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const status = Number(process.argv[3] ?? 200);
const app = express();
app.get('/v1/videos', (_req, res) => {
  res.status(status).json(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`baseline listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
