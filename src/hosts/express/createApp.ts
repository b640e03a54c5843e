import express, { type Express } from 'express';
import type { Mock } from '../../core/createMock.js';
import type { FaultEngine } from '../../core/faults/createFaultEngine.js';
import type { JobWorld } from '../../core/jobs/createJobWorld.js';
import type { RequestJournal } from '../../core/journal/requestJournal.js';
import type { SpecDocument } from '../../core/openapi/SpecDocument.js';
import type { Log } from '../../core/pipeline/judgeResponse.js';
import { adminRouter, type AdminAccess } from './admin/adminRouter.js';
import { admitRequest } from './admitRequest.js';
import type { HostGuards } from './HostGuards.js';
import { installFallbacks } from './installFallbacks.js';
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
 * The Express host: the admin API and console under /__mock, and every other request handed to
 * the core (createMock), which routes it from the spec and decides the answer; this app reads
 * bodies, acts out the reply and owns the connections.
 */
export function createApp(options: AppOptions): Express {
  const { mock, faults, journal, guards, log } = options;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(admitRequest(guards, mock.judgeError, log));
  // The admin API mounts first: it sets its own CORS policy, loopback origins only.
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
  app.use(serveMock(() => mock, guards, log));
  installFallbacks(app, () => mock.judgeError, log);
  return app;
}
