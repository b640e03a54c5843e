import { setTimeout as sleep } from 'node:timers/promises';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import cors from 'cors';
import type { Dataset } from '../data/createDataset.js';
import { errors } from '../errors/catalog.js';
import type { ErrorContext } from '../errors/toBifrostError.js';
import type { FaultDecision, FaultEngine } from '../faults/createFaultEngine.js';
import type { Contract, OperationContract } from '../spec/compileContract.js';
import type { Augment } from '../spec/augmentBody.js';
import { readParameters, type ParameterValues } from '../spec/readParameters.js';
import { createSchemaSampler, type SchemaSampler } from '../spec/sampleSchema.js';
import { adminRouter, type AdminAccess } from './adminRouter.js';
import { augmentResponse } from './augmentResponse.js';
import { authenticate, type AuthPolicy } from './authenticate.js';
import { errorResponse } from './errorResponse.js';
import type { MockResponse } from './MockResponse.js';
import type { RequestJournal } from './requestJournal.js';
import { respond, type Log } from './respond.js';
import { readSchemaServedBody, schemaServedBody, type ReceivedBody } from './readSchemaServedBody.js';
import { listVideos, listVideosRequestType } from './routes/listVideos.js';
import { schemaServed } from './routes/schemaServed.js';
import { LONG_WAIT_MS, type ShutdownState } from './shutdownState.js';

export interface AppOptions {
  contract: Contract;
  dataset: Dataset;
  auth: AuthPolicy;
  faults: FaultEngine;
  journal: RequestJournal;
  admin: AdminAccess;
  health: () => Record<string, unknown>;
  shutdown: ShutdownState;
  log: Log;
  /** Values for schema-served operations (default: seeded with 0). */
  sampler?: SchemaSampler;
  /** Fields the spec adds to domain-served responses: operationId → status → augment (default: none). */
  extraFields?: ReadonlyMap<string, ReadonlyMap<string, Augment>>;
}

interface HandlerInput {
  params: ParameterValues;
  dataset: Dataset;
  elapsedMs: () => number;
  body?: ReceivedBody;
}

/**
 * Handlers by operationId: the one place deciding which operations are domain-served. Every
 * other operation of the spec is schema-served (routes/schemaServed.ts).
 */
export const handlers: Record<string, (input: HandlerInput) => MockResponse> = { listVideos };

/** Request types the gateway reports in `extra_fields.request_type`. */
const requestTypes: Record<string, string> = { listVideos: listVideosRequestType };

/**
 * Wires HTTP only. Each routed request flows one way:
 * CORS → auth → parameter validation (from the spec) → handler → fault layer →
 * response validation → send, and is written to the journal when it ends.
 */
export function createApp(options: AppOptions): Express {
  const { contract, dataset, auth, faults, journal, shutdown, log } = options;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const judgeError = (_status: number, body: unknown) => contract.validateErrorBody(body);
  app.use((req, res, next) => {
    if (shutdown.closing) res.setHeader('Connection', 'close');
    if (req.originalUrl.length <= MAX_URL_LENGTH) return next();
    respond(res, errorResponse(errors.uriTooLong(MAX_URL_LENGTH), {}, log), judgeError, {}, log);
  });
  // The admin API mounts before the public CORS policy: it sets its own, loopback origins only.
  app.use(
    '/__mock',
    adminRouter({ access: options.admin, faults, journal, health: options.health, judgeError, log }),
  );
  // Browser apps on any origin may call the API itself (it needs a key anyway).
  app.use(cors({ origin: true, exposedHeaders: ['Retry-After'], maxAge: 600 }));

  const methodsByPath = new Map<string, string[]>();
  let sampler = options.sampler;
  for (const operation of contract.operations.values()) {
    const domain = handlers[operation.operationId];
    const handler = domain ?? schemaServed(operation, (sampler ??= createSchemaSampler(0)));
    // Domain bodies get the fields the spec adds; with none (the bundled spec), nothing runs.
    const augment = domain ? augmentResponse(options.extraFields?.get(operation.operationId)) : undefined;
    // Errors a schema-served operation does not declare are judged as BifrostErrors.
    const judge = domain
      ? operation.validateResponse
      : (status: number, body: unknown) =>
          operation.declares(status) ? operation.validateResponse(status, body) : contract.validateErrorBody(body);
    const route = toExpressPath(operation.path);
    methodsByPath.set(route, [...(methodsByPath.get(route) ?? []), operation.method]);
    const register = app[operation.method.toLowerCase() as 'get'].bind(app);
    const bodyReaders = !domain && operation.requestBody ? [readSchemaServedBody(operation.requestBody)] : [];
    const pathParams = operation.parameters.some((p) => p.in === 'path');
    register(route, ...bodyReaders, (req, res, next) => {
      const started = performance.now();
      const query = searchParams(req);
      const context = errorContext(query, operation);
      const record = journalEntry(req, res, journal, started);

      let response: MockResponse;
      try {
        if (operation.secured) {
          authenticate({ authorization: req.get('authorization'), virtualKey: req.get('x-bf-vk') }, auth);
        }
        const params = readParameters(operation.parameters, query, pathParams ? req.params : undefined);
        response = handler({ params, dataset, elapsedMs: () => performance.now() - started, ...(!domain && { body: schemaServedBody(res) }) });
        if (augment) response = augment(response);
      } catch (error) {
        response = errorResponse(error, context, log);
      }

      let decision = faults.decide({
        ...(context.provider !== undefined && { provider: context.provider }),
        query,
        header: (name) => req.get(name),
      });
      // Hangs and long delays hold a connection: past the ceiling they are answered at once.
      if (holdsConnection(decision) && !shutdown.reserve(res)) decision = shutdown.overCeiling(decision);
      record.fault = decision.name ?? null;
      const send = () => {
        // A response finished while the server closes says so, so clients do not reuse the socket.
        if (shutdown.closing) res.setHeader('Connection', 'close');
        const sent = applyFault(decision, req, response, context, { shutdown, log });
        if (sent === 'network') return;
        record.validation = respond(res, sent, judge, context, log) ? 'passed' : 'failed';
      };
      // Most requests wait for nothing: answer them synchronously, without a promise.
      const delay = faultDelay(decision);
      if (delay === 0) return send();
      waitUnlessGone(delay, res)
        .then((waited) => {
          if (waited) send();
        })
        .catch(next); // an error in send() after the wait reaches the error handler
    });
  }

  for (const [route, methods] of methodsByPath) {
    app.all(route, (req, res) => {
      const error = errors.methodNotAllowed(req.method, req.path, methods);
      respond(res, errorResponse(error, {}, log), judgeError, {}, log);
    });
  }
  app.use((req, res) => {
    respond(res, errorResponse(errors.routeNotFound(req.method, req.path), {}, log), judgeError, {}, log);
  });
  // Last resort for a bug of ours: a BifrostError, logged, never a stack trace in the body.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      log(`error after the response started: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
      return;
    }
    // Whatever the failed response had set (a header Node refuses, say) must not fail this one
    // too; and should even that throw, the socket is closed rather than the process lost.
    try {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      respond(res, errorResponse(error, {}, log), judgeError, {}, log);
    } catch (again) {
      log(`cannot send the error response: ${again instanceof Error ? again.message : String(again)}`);
      res.destroy();
    }
  });
  return app;
}

/** Longer URLs get a clear 414 (Node itself stops at 16 KB of headers with a bare 431). */
const MAX_URL_LENGTH = 8192;

/** How long the fault layer holds the response: latency plus a `slow` fault's delay. */
function faultDelay({ latencyMs, effect }: FaultDecision): number {
  return latencyMs + (effect?.kind === 'slow' ? effect.ms : 0);
}

/** A fault that keeps its connection waiting long enough to count against the held ceiling. */
function holdsConnection(decision: FaultDecision): boolean {
  return decision.effect?.kind === 'hang' || faultDelay(decision) >= LONG_WAIT_MS;
}

/**
 * Waits `ms`, unless the client goes away first (then false). A client that gives up, or a
 * server torn down after its grace period, ends the wait: no timer outlives its request.
 */
async function waitUnlessGone(ms: number, res: Response): Promise<boolean> {
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once('close', abort);
  try {
    await sleep(ms, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', abort);
  }
}

/**
 * The fault layer, once any delay is over: either replaces the response with an error, or
 * breaks the connection the way a real network does (and returns 'network').
 */
function applyFault(
  { effect }: FaultDecision,
  req: Request,
  response: MockResponse,
  context: ErrorContext,
  { shutdown, log }: { shutdown: ShutdownState; log: Log },
): MockResponse | 'network' {
  switch (effect?.kind) {
    case 'error':
      return errorResponse(effect.error, context, log);
    case 'reset':
      req.socket.resetAndDestroy();
      return 'network';
    case 'empty':
      req.socket.destroy();
      return 'network';
    case 'hang':
      shutdown.hold(req.socket);
      return 'network';
    default:
      return response;
  }
}

function journalEntry(req: Request, res: Response, journal: RequestJournal, started: number) {
  const entry = {
    time: new Date().toISOString(),
    method: req.method,
    url: req.originalUrl,
    status: null as number | null,
    fault: null as string | null,
    validation: 'none' as 'passed' | 'failed' | 'none',
    durationMs: 0,
  };
  res.once('close', () => {
    entry.status = res.headersSent ? res.statusCode : null;
    entry.durationMs = Math.round(performance.now() - started);
    journal.record(entry);
  });
  return entry;
}

function errorContext(query: URLSearchParams, operation: OperationContract): ErrorContext {
  const provider = query.get('provider');
  const requestType = requestTypes[operation.operationId];
  return { ...(provider ? { provider } : {}), ...(requestType && { requestType }) };
}

function searchParams(req: Request): URLSearchParams {
  const query = req.originalUrl.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : req.originalUrl.slice(query + 1));
}

/** `/v1/videos/{video_id}` → `/v1/videos/:video_id` */
function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
