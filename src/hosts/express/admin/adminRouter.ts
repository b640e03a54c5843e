import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { MockError } from '../../../core/errors/MockError.js';
import type { FaultEngine } from '../../../core/faults/createFaultEngine.js';
import type { JobWorld } from '../../../core/jobs/createJobWorld.js';
import { clockRoutes } from './clockRoutes.js';
import { RuleError } from '../../../core/faults/parseRules.js';
import { presetCatalog } from '../../../core/faults/presetCatalog.js';
import { listScenarios } from '../../../files/listScenarios.js';
import type { LoadedSpec } from '../../../files/loadSpec.js';
import { consoleRoutes, isConsoleAsset } from './consoleRoutes.js';
import { describeJournalEntry } from '../../../core/journal/describeJournalEntry.js';
import { errorResponse } from '../../../core/pipeline/errorResponse.js';
import { MAX_JOURNAL_STREAMS, openJournalStream } from './journalStream.js';
import type { RequestJournal } from '../../../core/journal/requestJournal.js';
import type { Judge, Log } from '../../../core/pipeline/judgeResponse.js';
import { respond } from '../respond.js';
import type { ShutdownState } from '../shutdownState.js';

/** The largest admin request body read (JSON); larger ones are a 413. */
export const MAX_ADMIN_BODY = '256kb';

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
  judgeError: Judge;
  log: Log;
}

/** The runtime control API under /__mock (rules, journal, reset, clock, health), and the web console. */
export function adminRouter({ access, origins = [], faults, journal, world, health, spec, shutdown, judgeError, log }: AdminOptions): Router {
  const router = Router();
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
  router.delete('/faults/:name', (req, res) => {
    const name = String(req.params['name']);
    const removed = faults.remove(name);
    if (!removed) return fail(res, 404, `DELETE /__mock/faults/${name}: no rule named ${JSON.stringify(name)} (unnamed rules are "rule <index>")`, 'not_found');
    log(`admin: rule ${JSON.stringify(name)} removed`);
    res.json({ removed, remaining: faults.rules().length });
  });
  router.get('/presets', (_req, res) => {
    res.json({ presets: presetCatalog() });
  });
  router.get('/scenarios', (_req, res, next) => {
    listScenarios().then((scenarios) => res.json({ scenarios }), next);
  });
  router.get('/requests', (_req, res) => {
    res.json({ capacity: journal.capacity, requests: journal.entries() });
  });
  router.get('/requests/stream', (req, res) => {
    if (!openJournalStream(req, res, journal, shutdown)) {
      fail(res, 503, `admin API: at most ${MAX_JOURNAL_STREAMS} journal streams at once; close one and retry`, 'admin_busy');
    }
  });
  router.get('/requests/:id', (req, res) => {
    const id = String(req.params['id']);
    const found = /^\d{1,15}$/.test(id) ? journal.detail(Number(id)) : undefined;
    if (!found) {
      return fail(res, 404, `GET /__mock/requests/${id}: no detail kept for this request (only the newest ${journal.detailCapacity} keep theirs)`, 'not_found');
    }
    res.json(describeJournalEntry(found.entry, found.detail));
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

/** `https://App.example:443/` and `https://app.example` are the same origin. */
function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
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
