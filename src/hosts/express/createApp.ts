import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import cors from 'cors';
import { errors } from '../../core/errors/catalog.js';
import type { ErrorContext } from '../../core/errors/toBifrostError.js';
import type { FaultEngine } from '../../core/faults/createFaultEngine.js';
import type { Contract } from '../../core/openapi/compileContract.js';
import type { Augment } from '../../core/openapi/augmentBody.js';
import type { ErrorFields } from '../../core/openapi/findErrorFields.js';
import type { JobWorld } from '../../core/jobs/createJobWorld.js';
import type { MediaLibrary } from '../../core/media/mediaLibrary.js';
import { declaredStatuses } from '../../core/openapi/declaredStatuses.js';
import { readParameters, type ParameterSources } from '../../core/openapi/readParameters.js';
import { createSchemaSampler, type SchemaSampler } from '../../core/openapi/sampleSchema.js';
import { adminRouter, type AdminAccess } from './admin/adminRouter.js';
import { augmentResponse } from '../../core/pipeline/augmentResponse.js';
import { authenticate, type AuthPolicy } from '../../core/pipeline/authenticate.js';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import { applyFault, faultDelay, holdsConnection, waitUnlessGone } from './faultLayer.js';
import { faultErrorResponse } from '../../core/pipeline/faultErrorResponse.js';
import type { MockResponse } from '../../core/pipeline/MockResponse.js';
import { installFallbacks } from './installFallbacks.js';
import { recordRequest } from './recordRequest.js';
import { requestSource } from '../../core/journal/requestSource.js';
import type { JournalDetail, RequestJournal } from '../../core/journal/requestJournal.js';
import { readRequestBody, receivedBody } from './readRequestBody.js';
import { completingErrors, respond, type Log } from './respond.js';
import { providerAndModel } from '../../core/routes/createVideo.js';
import { domainRequestBody } from '../../core/routes/domainRequestBody.js';
import { routeHandlers, routeRequestTypes } from '../../core/routes/routeTable.js';
import { schemaServed } from '../../core/routes/schemaServed.js';
import { providerOfVideoId } from '../../core/routes/videoTarget.js';
import type { ShutdownState } from './shutdownState.js';

export interface AppOptions {
  contract: Contract;
  world: JobWorld;
  media: MediaLibrary;
  auth: AuthPolicy;
  faults: FaultEngine;
  journal: RequestJournal;
  admin: AdminAccess;
  /** Web page origins allowed to use the admin API (--admin-origin). */
  adminOrigins?: readonly string[];
  health: () => Record<string, unknown>;
  shutdown: ShutdownState;
  log: Log;
  /** Values for schema-served operations (default: seeded with 0). */
  sampler?: SchemaSampler;
  /** Fields the spec adds to domain-served responses: operationId → status → augment (default: none). */
  extraFields?: ReadonlyMap<string, ReadonlyMap<string, Augment>>;
  /** Fields the spec adds to error bodies (default: none). */
  errorFields?: ErrorFields;
}

/**
 * Wires HTTP only. Each routed request flows one way:
 * CORS → body parsing (media types from the spec) → fault decision → auth → parameter
 * validation (from the spec) → handler → fault layer → response validation → send, and is
 * written to the journal when it ends. A fault that replaces the answer skips the handler, so
 * a faulted create makes no job.
 */
export function createApp(options: AppOptions): Express {
  const { contract, world, media, auth, faults, journal, shutdown, log } = options;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const judgeError = completingErrors((_status: number, body: unknown) => contract.validateErrorBody(body), options.errorFields?.outside);
  app.use((req, res, next) => {
    if (shutdown.closing) res.setHeader('Connection', 'close');
    if (req.originalUrl.length <= MAX_URL_LENGTH) return next();
    respond(res, errorResponse(errors.uriTooLong(MAX_URL_LENGTH), {}, log), judgeError, {}, log);
  });
  // The admin API mounts before the public CORS policy: it sets its own, loopback origins only.
  app.use(
    '/__mock',
    adminRouter({
      access: options.admin,
      ...(options.adminOrigins && { origins: options.adminOrigins }),
      faults,
      journal,
      world,
      health: options.health,
      spec: () => contract.spec,
      shutdown,
      judgeError,
      log,
    }),
  );
  // Browser apps on any origin may call the API itself (it needs a key anyway).
  // A browser app reads the poll hint and byte ranges too.
  app.use(cors({ origin: true, exposedHeaders: ['Retry-After', 'openai-poll-after-ms', 'Content-Range', 'Accept-Ranges'], maxAge: 600 }));

  const methodsByPath = new Map<string, string[]>();
  let sampler = options.sampler;
  const samplerInUse = () => (sampler ??= createSchemaSampler(0));
  for (const operation of contract.operations.values()) {
    // routes/routeTable.ts decides which operations are domain-served; the rest are schema-served.
    const domain = routeHandlers[operation.operationId];
    const schema = domain ? undefined : schemaServed(operation, samplerInUse());
    // What `Prefer: code=` and a rule's custom status may be for this operation.
    const declared = declaredStatuses(operation.statuses);
    const errorAnswer = faultErrorResponse(operation, samplerInUse, log, options.errorFields?.byOperation.get(operation.operationId));
    // Domain bodies get the fields the spec adds; with none (the bundled spec), nothing runs.
    const augment = domain ? augmentResponse(options.extraFields?.get(operation.operationId)) : undefined;
    // Errors a schema-served operation does not declare are judged as BifrostErrors.
    const judgeJson = domain
      ? operation.validateResponse
      : (status: number, body: unknown) =>
          operation.declares(status) ? operation.validateResponse(status, body) : contract.validateErrorBody(body);
    const judge = completingErrors(
      (status: number, body: unknown, contentType?: string) =>
        contentType === undefined ? judgeJson(status, body) : operation.validateMediaType(status, contentType),
      options.errorFields?.byOperation.get(operation.operationId),
    );
    const route = toExpressPath(operation.path);
    methodsByPath.set(route, [...(methodsByPath.get(route) ?? []), operation.method]);
    const register = app[operation.method.toLowerCase() as 'get'].bind(app);
    // One reader and one set of caps for every operation; each path words its refusals.
    const { requestBody } = operation;
    const bodyParsing = requestBody && requestBody.mediaTypes.length > 0 ? [readRequestBody(requestBody)] : [];
    // Domain handlers read {video_id} themselves, with the gateway's wording.
    const pathParams = !domain && operation.parameters.some((p) => p.in === 'path');
    const headerParams = operation.parameters.some((p) => p.in === 'header');
    const requestType = routeRequestTypes[operation.operationId];
    register(route, ...bodyParsing, (req: Request, res: Response, next: NextFunction) => {
      const started = performance.now();
      const query = searchParams(req);
      const videoId = req.params['video_id'] as string | undefined;
      const context = errorContext(query, videoId, req, requestType);
      // References only, for the console's detail view: nothing is copied per request.
      const detail: JournalDetail = { requestHeaders: req.rawHeaders, requestBody: req.body };
      // Who sent it: the console's own requests are journaled as such and skip the app's rules.
      const source = requestSource({ mockSource: req.get('x-mock-source'), authorization: req.get('authorization'), virtualKey: req.get('x-bf-vk'), origin: req.get('origin') });
      const record = recordRequest(req, res, journal, started, detail, source);

      let decision = faults.decide({
        source: source.kind,
        ...(context.provider !== undefined && { provider: context.provider }),
        operation: operation.operationId,
        ...(requestType !== undefined && { requestType }),
        declared,
        query,
        header: (name) => req.get(name),
      });
      // Hangs and long delays hold a connection: past the ceiling they are answered at once.
      if (holdsConnection(decision) && !shutdown.reserve(res)) decision = shutdown.overCeiling(decision);
      record.fault = decision.name ?? null;
      // Only an answer of our own needs the handler: an error or network fault replaces it.
      const replaced = decision.effect !== undefined && decision.effect.kind !== 'slow';
      let response: MockResponse = { status: 500, body: null };
      if (!replaced) {
        try {
          if (operation.secured) {
            authenticate({ authorization: req.get('authorization'), virtualKey: req.get('x-bf-vk') }, auth);
          }
          // Built field by field: the list (query only) pays for no spread or closure.
          const sources: ParameterSources = { query };
          if (pathParams) sources.path = req.params;
          if (headerParams) sources.header = (name) => req.get(name);
          const params = readParameters(operation.parameters, sources);
          if (domain) {
            response = domain({
              params,
              ...(videoId !== undefined && { videoId }),
              ...(requestBody && bodyParsing.length > 0 && { body: domainRequestBody(receivedBody(req), requestBody) }),
              ...(operation.validateRequestBody && { validateBody: operation.validateRequestBody }),
              header: (name) => req.get(name),
              world,
              media,
              directive: decision.job ?? {},
              elapsedMs: () => performance.now() - started,
            });
            if (augment) response = augment(response);
          } else if (schema) {
            response = schema({ params, body: receivedBody(req) });
          }
        } catch (error) {
          response = errorResponse(error, context, log);
        }
      }

      const send = () => {
        // A response finished while the server closes says so, so clients do not reuse the socket.
        if (shutdown.closing) res.setHeader('Connection', 'close');
        const sent = applyFault(decision, req, response, context, { shutdown, errorAnswer });
        if (sent === 'network') return;
        detail.response = sent;
        detail.judge = judge;
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

  installFallbacks(app, methodsByPath, judgeError, log);
  return app;
}

/** Longer URLs get a clear 414 (Node itself stops at 16 KB of headers with a bare 431). */
const MAX_URL_LENGTH = 8192;

/** The provider a request is for: `?provider=`, the suffix of a video id, or a create's model prefix. */
function errorContext(query: URLSearchParams, videoId: string | undefined, req: Request, requestType: string | undefined): ErrorContext {
  const provider = query.get('provider') || providerOfVideoId(videoId) || providerOfModel(req.body);
  return { ...(provider ? { provider } : {}), ...(requestType && { requestType }) };
}

function providerOfModel(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  try {
    return providerAndModel((body as Record<string, unknown>)['model']).provider;
  } catch {
    return undefined;
  }
}

function searchParams(req: Request): URLSearchParams {
  const query = req.originalUrl.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : req.originalUrl.slice(query + 1));
}

/** `/v1/videos/{video_id}` → `/v1/videos/:video_id` */
function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
