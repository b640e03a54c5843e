import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { MockError } from '../errors/MockError.js';
import type { FaultEngine } from '../faults/createFaultEngine.js';
import type { JobWorld } from '../jobs/createJobWorld.js';
import { clockRoutes } from './clockRoutes.js';
import { RuleError } from '../faults/parseRules.js';
import { errorResponse } from './errorResponse.js';
import type { RequestJournal } from './requestJournal.js';
import { respond, type Judge, type Log } from './respond.js';

/** The largest admin request body read (JSON); larger ones are a 413. */
export const MAX_ADMIN_BODY = '256kb';

/** Who may use /__mock: loopback clients, holders of a token, or nobody. */
export type AdminAccess = { mode: 'loopback' } | { mode: 'token'; token: string } | { mode: 'off' };

export interface AdminOptions {
  access: AdminAccess;
  faults: FaultEngine;
  journal: RequestJournal;
  /** The jobs and their clock: /__mock/clock, and reset puts both back. */
  world: JobWorld;
  health: () => Record<string, unknown>;
  judgeError: Judge;
  log: Log;
}

/** The runtime control API under /__mock (rules, journal, reset, health). */
export function adminRouter({ access, faults, journal, world, health, judgeError, log }: AdminOptions): Router {
  const router = Router();
  const fail = (res: Response, status: number, message: string, type: string) =>
    respond(res, errorResponse(new MockError(status, { message, type }), {}, log), judgeError, {}, log);

  // Only pages served from this machine may call the admin API from a browser: a page on any
  // other site could otherwise reset or rewrite the rules behind the user's back.
  router.use(cors({ origin: (origin, done) => done(null, origin === undefined || isLoopbackOrigin(origin)) }));
  router.use((req, res, next) => {
    const origin = req.get('origin');
    if (origin !== undefined && !isLoopbackOrigin(origin)) {
      return fail(res, 403, `admin API: requests from the web page ${origin} are refused`, 'admin_forbidden');
    }
    if (access.mode === 'off') {
      return fail(res, 404, 'the admin API is off: the server listens beyond loopback and has no --admin-token', 'not_found');
    }
    if (access.mode === 'token') {
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
  router.use(express.json({ limit: MAX_ADMIN_BODY }));

  const rules = () => ({ rules: faults.rules() });
  /**
   * A write: `apply` changes the state and returns the answer. A body is read only when sent
   * as JSON (anything else would read as "no rules"); a write that takes no rules accepts no
   * content type at all too, since a web page can send neither JSON nor nothing cross-site
   * without a preflight that the CORS policy above refuses.
   */
  const change = (what: string, apply: (body: unknown) => unknown, { status = 200, takesRules = false } = {}) =>
    (req: Request, res: Response) => {
      const type = req.headers['content-type'];
      if ((takesRules || type !== undefined) && !isJson(type)) {
        const send = takesRules ? 'send the rules as JSON with Content-Type: application/json' : 'send no body, or Content-Type: application/json';
        return fail(res, 415, `${req.method} ${req.originalUrl}: ${send}; nothing was changed`, 'invalid_request_error');
      }
      let answer: unknown;
      try {
        answer = apply(req.body);
      } catch (error) {
        if (error instanceof RuleError) {
          return fail(res, 400, `${req.method} ${req.originalUrl}: ${error.message}; the rules in force are unchanged`, 'invalid_rule');
        }
        throw error;
      }
      log(`admin: ${what}`);
      res.status(status).json(answer);
    };

  router.get('/faults', (_req, res) => {
    res.json(rules());
  });
  router.put('/faults', change('rules replaced', (body) => (faults.replace(body), rules()), { takesRules: true }));
  // The added rule and the count, not the list: a POST costs the same with 1 or 1,000 rules.
  router.post('/faults', change('rule added', (body) => ({ rule: faults.add(body), count: faults.count() }), { status: 201, takesRules: true }));
  router.delete('/faults', change('rules cleared', () => (faults.clear(), rules())));
  router.post('/reset', change('reset to the startup rules, jobs and clock', () => {
    faults.reset();
    journal.clear();
    world.reset();
    return rules();
  }));
  clockRoutes(router, world, fail, log);
  router.get('/requests', (_req, res) => {
    res.json({ capacity: journal.capacity, requests: journal.entries() });
  });
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...health() });
  });
  router.use((req, res) => fail(res, 404, `no admin route for ${req.method} ${req.originalUrl}`, 'not_found'));
  // Body parser failures (bad JSON, too large) arrive here.
  router.use((error: { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status === 413 ? 413 : 400;
    fail(res, status, `${req.method} ${req.originalUrl}: the body is not valid JSON (${error.type ?? 'parse error'})`, 'invalid_request_error');
  });
  return router;
}

/**
 * `application/json`, with any parameters: the type the body parser reads. Judged by the header
 * alone, since to Express's `req.is` a DELETE without a body has no type at all.
 */
function isJson(type: string | undefined): boolean {
  return type !== undefined && /^\s*application\/json\s*(?:;|$)/i.test(type);
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
