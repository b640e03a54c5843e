import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { createControl } from '../../../core/control/createControl.js';
import { MockError } from '../../../core/errors/MockError.js';
import type { FaultEngine } from '../../../core/faults/createFaultEngine.js';
import type { JobWorld } from '../../../core/jobs/createJobWorld.js';
import type { LoadedSpec } from '../../../files/loadSpec.js';
import type { RequestJournal } from '../../../core/journal/requestJournal.js';
import { errorResponse } from '../../../core/pipeline/errorResponse.js';
import type { ProvidersAnswer } from '../../../shared/providerCatalog.js';
import type { BodyMemoryBudget } from '../bodyMemoryBudget.js';
import { adminBodyBudget } from './adminBodyBudget.js';
import { adminFailure } from './adminFailure.js';
import { clockRoutes } from './clockRoutes.js';
import { consoleRoutes, isConsoleAsset } from './consoleRoutes.js';
import { faultRoutes } from './faultRoutes.js';
import { journalRoutes } from './journalRoutes.js';
import { writeRoute } from './writeRoute.js';
import type { Judge, Log } from '../../../core/pipeline/judgeResponse.js';
import { respond } from '../respond.js';
import type { ShutdownState } from '../shutdownState.js';
import { errorDetail } from '../../../core/errors/errorDetail.js';

/** The largest admin request body read (JSON); larger ones are a 413. */
export const MAX_ADMIN_BODY = '256kb';
const MAX_ADMIN_BODY_BYTES = 256 * 1024;

/** Who may use /__mock: loopback clients, holders of a token, or nobody. */
export type AdminAccess = { mode: 'loopback' } | { mode: 'token'; token: string } | { mode: 'off' };

export interface AdminOptions {
  access: AdminAccess;
  /** Web page origins (besides loopback ones) allowed to call the admin API: --admin-origin. */
  origins?: readonly string[];
  faults: FaultEngine;
  journal: RequestJournal;
  /** The jobs and their clock: /__mock/clock, and reset puts both back. */
  world: JobWorld;
  health: () => Record<string, unknown>;
  /** The spec in force, read per request (for the docs page and /__mock/openapi.*). */
  spec: () => LoadedSpec;
  shutdown: ShutdownState;
  /** Shared with the API's bodies: admin bodies take their share before they are parsed. */
  bodyMemory: BodyMemoryBudget;
  judgeError: Judge;
  log: Log;
}

/** The runtime control API under /__mock (rules, journal, reset, clock, health), and the web console. */
export function adminRouter({ access, origins = [], faults, journal, world, health, spec, shutdown, bodyMemory, judgeError, log }: AdminOptions): Router {
  const router = Router();
  // Every answer of the admin API and the console, as every answer of the API: no MIME sniffing.
  router.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  const fail = (res: Response, status: number, message: string, type: string) =>
    respond(res, errorResponse(new MockError(status, { message, type }), {}, log), judgeError, {}, log);
  const allowed = new Set(origins.map(normalizeOrigin));
  const isAllowedOrigin = (origin: string) => isLoopbackOrigin(origin) || allowed.has(normalizeOrigin(origin));

  // Only pages served from this machine (or named by --admin-origin) may call the admin API from
  // a browser: a page on any other site could otherwise reset or rewrite the rules behind the
  // user's back.
  router.use(cors({ origin: (origin, done) => done(null, origin === undefined || isAllowedOrigin(origin)) }));
  router.use((req, res, next) => {
    const origin = req.get('origin');
    if (origin !== undefined && !isAllowedOrigin(origin)) {
      // The refusal itself is readable by that page, so its developer sees why (and the fix);
      // a preflight still fails, so the page never gets to send anything but a simple request.
      if (req.method !== 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
      }
      return fail(res, 403, `admin API: requests from the web page ${origin} are refused (start the mock with --admin-origin ${origin} to allow it)`, 'admin_forbidden');
    }
    if (access.mode === 'off') {
      return fail(res, 404, 'the admin API is off: the server listens beyond loopback and has no --admin-token', 'not_found');
    }
    if (access.mode === 'token') {
      // The console's own files hold no data: they load without the token, then ask for it.
      if (isConsoleAsset(req.method, req.path)) return next();
      if (!sameSecret(req.get('x-mock-admin-token') ?? '', access.token)) {
        return fail(res, 401, 'admin API: missing or wrong X-Mock-Admin-Token header', 'admin_unauthorized');
      }
    } else if (!isLoopback(req.socket.remoteAddress)) {
      return fail(res, 403, 'admin API answers only on loopback unless --admin-token is set', 'admin_forbidden');
    } else if (!isLoopbackHost(req.get('host'))) {
      // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own
      // name as Host: without this, it could read the rules and the journal.
      return fail(res, 403, 'admin API: the Host header must name this machine (localhost or a loopback address)', 'admin_forbidden');
    }
    next();
  });
  // `/__mock` without the slash: the console's relative links need it.
  router.get('/', (req, res, next) => (req.originalUrl.split('?')[0]!.endsWith('/') ? next() : res.redirect(302, '/__mock/')));
  router.use(consoleRoutes(spec));
  router.use(adminBodyBudget(bodyMemory, MAX_ADMIN_BODY_BYTES, (res, message) => fail(res, 503, message, 'mock_body_budget')));
  router.use(express.json({ limit: MAX_ADMIN_BODY }));

  const write = writeRoute(fail, log);
  faultRoutes(router, faults, { fail, write, log });
  journalRoutes(router, journal, { fail, shutdown });
  clockRoutes(router, world, fail, log);
  // Each part on its own (the console's resets), or all at once.
  const resets: Record<ResetPart, () => unknown> = {
    jobs: () => (world.reset(), { reset: 'jobs' }),
    rules: () => (faults.reset(), { reset: 'rules', rules: faults.rules() }),
    journal: () => (journal.clear(), { reset: 'journal' }),
  };
  // All at once, as the in-process hosts' control object resets (one definition of "reset").
  const control = createControl({ world: () => world, faults: () => faults, journal });
  router.post('/reset', write('reset to the startup rules, jobs and clock; journal cleared', () => {
    control.reset();
    return { rules: faults.rules() };
  }));
  router.post('/reset/:part', (req, res) => {
    const part = String(req.params['part']);
    if (!isResetPart(part)) {
      return fail(res, 404, `POST ${req.originalUrl}: nothing called ${JSON.stringify(part)} to reset (parts: ${RESET_PARTS.join(', ')}; POST /__mock/reset resets them all)`, 'not_found');
    }
    write(`${part} reset`, resets[part])(req, res);
  });
  router.get('/providers', (_req, res) => {
    const answer: ProvidersAnswer = {
      providers: world.providers.map(({ name, canList, operations, models }) => ({
        name,
        canList,
        operations,
        models: models.map(({ id, sizes, seconds }) => ({ id, sizes, seconds })),
      })),
    };
    res.json(answer);
  });
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...health() });
  });
  router.use((req, res) => fail(res, 404, `no admin route for ${req.method} ${req.originalUrl}`, 'not_found'));
  // Body parser refusals, undecodable paths and our own bugs arrive here, each told apart.
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const failure = adminFailure(error, req, MAX_ADMIN_BODY);
    if (failure.unexpected) log(`admin: unexpected error on ${req.method} ${req.originalUrl}: ${errorDetail(error)}`);
    if (res.headersSent) return res.destroy();
    fail(res, failure.status, failure.message, failure.type);
  });
  return router;
}

const RESET_PARTS = ['jobs', 'rules', 'journal'] as const;
type ResetPart = (typeof RESET_PARTS)[number];

function isResetPart(name: string): name is ResetPart {
  return (RESET_PARTS as readonly string[]).includes(name);
}

/** `https://App.example:443/` and `https://app.example` are the same origin. */
function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackName(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true; // HTTP/1.0 clients may send none; browsers always do
  try {
    return isLoopbackName(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/** `localhost`, or an IP literal on loopback; a DNS name such as `127.evil.example` is not. */
export function isLoopbackName(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || (isIP(bare) !== 0 && isLoopback(bare));
}

/** A socket's remote address on loopback (IPv4, IPv6 or IPv4-mapped). */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
