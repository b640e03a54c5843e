import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { createFaultEngine } from '../../src/core/faults/createFaultEngine.js';
import { createMock, type Mock } from '../../src/core/createMock.js';
import { createRequestJournal } from '../../src/core/journal/requestJournal.js';
import { compileContract } from '../../src/core/openapi/compileContract.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { loadMediaLibrary } from '../../src/files/loadMediaLibrary.js';
import { loadProviderCatalog } from '../../src/files/loadProviderCatalog.js';
import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { loadSpec } from '../../src/files/loadSpec.js';
import { consoleRoutes } from '../../src/hosts/express/admin/consoleRoutes.js';
import { faultRoutes } from '../../src/hosts/express/admin/faultRoutes.js';
import { writeRoute } from '../../src/hosts/express/admin/writeRoute.js';
import { createApp } from '../../src/hosts/express/createApp.js';
import { createHttpServer } from '../../src/hosts/express/createHttpServer.js';
import { createHostGuards } from '../../src/hosts/express/HostGuards.js';
import { AUTH } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';
import { makeWorld } from '../support/world.js';

/**
 * Bugs of ours planted where the Node host hands control to other code (the core's answer, a
 * promise, an event listener): each must fail its own request, logged, never the process.
 */
const logs: string[] = [];
const log = (line: string) => logs.push(line);
let server: Server;
let url: string;

beforeAll(async () => {
  const contract = compileContract(await loadSpec(defaultSpecPath));
  const world = makeWorld({ seed: 1, jobsPerProvider: 5, now: 1_768_478_400, catalog: await loadProviderCatalog() });
  const faults = createFaultEngine({ rules: [], seed: 1, statuses: [503] });
  const journal = createRequestJournal(10);
  const real = createMock({ contract, world, media: await loadMediaLibrary(), auth: {}, faults, journal, log });
  // The header picks the bug: the core throws, its promise rejects, or the journal's hook throws.
  const planted: Mock = {
    routeOf: real.routeOf,
    judgeError: real.judgeError,
    handle(request, hooks, route) {
      switch (request.header('x-plant')) {
        case 'throw':
          throw new Error('planted: handle threw');
        case 'reject':
          return Promise.reject(new Error('planted: handle rejected'));
        case 'finished': {
          const reply = real.handle(request, hooks, route);
          const broken = (ready: Awaited<typeof reply>) => ({ ...ready, finished: () => { throw new Error('planted: finished threw'); } });
          return reply instanceof Promise ? reply.then(broken) : broken(reply);
        }
        default:
          return real.handle(request, hooks, route);
      }
    },
  };
  const app = createApp({
    mock: planted,
    world,
    faults,
    spec: contract.spec,
    journal,
    admin: { mode: 'loopback' },
    health: () => ({}),
    guards: createHostGuards(undefined, () => real.judgeError, log),
    log,
  });
  server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (logs.length = 0));

const create = (plant: string) =>
  fetch(`${url}/v1/videos`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json', 'x-plant': plant },
    body: JSON.stringify({ prompt: 'a boat', model: 'openai/sora-2' }),
    signal: AbortSignal.timeout(5000),
  });
const list = (plant = '') => fetch(`${url}/v1/videos?provider=openai&limit=1`, { headers: { ...AUTH, 'x-plant': plant }, signal: AbortSignal.timeout(5000) });

describe('a bug in what the host calls fails that request only', () => {
  test.each([
    ['throws', 'throw'],
    ['rejects', 'reject'],
  ])('the core that %s while answering a request with a body: a 500 BifrostError, logged', async (_how, plant) => {
    const response = await create(plant);
    expect(response.status).toBe(500);
    const body = (await response.json()) as BifrostError;
    expect(errorSchemaProblems(body)).toEqual([]);
    expect(body.error).toMatchObject({ type: 'internal_error' });
    expect(JSON.stringify(body)).not.toContain('planted');
    expect(logs.join('\n')).toContain(`planted: handle ${plant === 'throw' ? 'threw' : 'rejected'}`);
    expect((await list()).status).toBe(200);
  });

  test('the core that rejects while answering a request without a body: a 500 BifrostError, logged', async () => {
    const response = await list('reject');
    expect(response.status).toBe(500);
    expect(((await response.json()) as BifrostError).error).toMatchObject({ type: 'internal_error' });
    expect(logs.join('\n')).toContain('planted: handle rejected');
  });

  test('a journal hook that throws when the response closes is logged; the answer went out and the server serves on', async () => {
    const response = await create('finished');
    expect(response.status).toBe(200);
    await response.json();
    for (let waited = 0; logs.length === 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs.join('\n')).toContain('planted: finished threw');
    expect((await list()).status).toBe(200);
  });
});

describe('admin routes answering from a promise', () => {
  /** An app whose responses cannot be sent: the error must reach the error handler, not escape. */
  function brokenSendApp(router: Router): Promise<{ url: string; errors: string[]; close: () => Promise<void> }> {
    const errors: string[] = [];
    const app = express();
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.send = () => {
        throw new Error('planted: send threw');
      };
      res.json = res.send;
      next();
    });
    app.use(router);
    app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
      errors.push(error.message);
      res.status(500).end();
    });
    const http = createHttpServer(app);
    return new Promise((resolve) =>
      http.listen(0, '127.0.0.1', () =>
        resolve({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, errors, close: () => new Promise((done) => http.close(() => done())) }),
      ),
    );
  }

  test.each([
    ['a console file', () => consoleRoutes(() => ({ path: 'x', text: '', document: {} }) as never), '/console/main.js'],
    [
      'the shipped scenarios',
      () => {
        const router = Router();
        const fail = () => undefined;
        faultRoutes(router, createFaultEngine({ rules: [], seed: 1, statuses: [503] }), { fail, write: writeRoute(fail, log), log });
        return router;
      },
      '/scenarios',
    ],
  ])('%s: an answer that throws after its file is read reaches the error handler', async (_what, router, path) => {
    const app = await brokenSendApp(router());
    try {
      const response = await fetch(`${app.url}${path}`, { signal: AbortSignal.timeout(5000) });
      expect(response.status).toBe(500);
      expect(app.errors).toEqual(['planted: send threw']);
    } finally {
      await app.close();
    }
  });
});
