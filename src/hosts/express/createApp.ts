import type { RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import type { Mock } from '../../core/createMock.js';
import type { FaultEngine } from '../../core/faults/createFaultEngine.js';
import type { JobWorld } from '../../core/jobs/createJobWorld.js';
import type { RequestJournal } from '../../core/journal/requestJournal.js';
import type { SpecDocument } from '../../core/openapi/SpecDocument.js';
import type { Log } from '../../core/pipeline/judgeResponse.js';
import { adminRouter, type AdminAccess } from './admin/adminRouter.js';
import type { HostGuards } from './HostGuards.js';
import { admitRequest, isAdminPath } from './admitRequest.js';
import { hasBody } from './readBody.js';
import type { ServedApp } from './createHttpServer.js';
import { answerHostError, installFallbacks } from './installFallbacks.js';
import { serveMock } from './serveMock.js';

export interface AppOptions {
  /** The core answering the API, for the runtime in force. */
  mock: Mock;
  /** The runtime's parts the admin API changes and shows. */
  world: JobWorld;
  faults: FaultEngine;
  spec: SpecDocument;
  journal: RequestJournal;
  admin: AdminAccess;
  /** Web page origins allowed to use the admin API (--admin-origin). */
  adminOrigins?: readonly string[];
  health: () => Record<string, unknown>;
  /** Shutdown, the connection pool, body deadlines and memory: shared by every app of a server. */
  guards: HostGuards;
  log: Log;
}

/**
 * The Node host: every request to the API goes straight to the core (createMock), which routes
 * it from the spec and decides the answer, while this host reads bodies, acts out the reply and
 * owns the connections; the admin API and the console, under /__mock, are an Express app. The
 * API's path has no Express in it: Express's router, its request and response helpers and its
 * own error handling cost a list page a fifth of its speed, and the core needs none of them.
 */
export function createApp(options: AppOptions): ServedApp {
  const { mock, faults, journal, guards, log } = options;
  const admit = admitRequest(guards, mock.judgeError, log);
  const fail = (res: ServerResponse, error: unknown) => answerHostError(res, error, mock.judgeError, log);
  const api = serveMock(() => mock, guards, fail, log);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res, next) => {
    if (!admit(req, res)) return;
    if (hasBody(req)) guards.bodies.track(req, res); // the admin API's JSON bodies (the API's own: serveMock)
    next();
  });
  // The admin API sets its own CORS policy, loopback origins only.
  app.use(
    '/__mock',
    adminRouter({
      access: options.admin,
      ...(options.adminOrigins && { origins: options.adminOrigins }),
      faults,
      journal,
      world: options.world,
      health: options.health,
      spec: () => options.spec,
      shutdown: guards.shutdown,
      bodyMemory: guards.bodyMemory,
      judgeError: mock.judgeError,
      log,
    }),
  );
  installFallbacks(app, () => mock.judgeError, log);
  // Nothing is made per request here: no closure, no wrapper (see the README's Performance).
  const listener: RequestListener = (req, res) => {
    if (isAdminPath(req.url ?? '')) {
      // API requests waiting for the end of this turn are decided first, in the world they came
      // to: an admin call does not overtake them, nor a create whose small body is in (see
      // bufferedBody). The exceptions run once their body is in: a body still arriving, one read
      // as a stream (over 8 KB, chunked, or past the memory budget), and a multipart create,
      // whose body the core parses asynchronously.
      guards.turn.decidePending();
      return void app(req, res);
    }
    try {
      if (admit(req, res)) api(req, res);
    } catch (error) {
      fail(res, error);
    }
  };
  return { express: app, listener };
}
