import { errors } from './errors/catalog.js';
import type { MockError } from './errors/MockError.js';
import type { FaultDecision, FaultEngine } from './faults/createFaultEngine.js';
import type { JobWorld } from './jobs/createJobWorld.js';
import { journalRow } from './journal/journalRow.js';
import { keptRequestBody, type RequestJournal } from './journal/requestJournal.js';
import { requestSource } from './journal/requestSource.js';
import type { MediaLibrary } from './media/mediaLibrary.js';
import type { Augment } from './openapi/augmentBody.js';
import type { Contract } from './openapi/compileContract.js';
import type { ErrorFields } from './openapi/findErrorFields.js';
import { createSchemaSampler, type SchemaSampler } from './openapi/sampleSchema.js';
import type { AuthPolicy } from './pipeline/authenticate.js';
import { compileOperation, type CompiledOperation, type OperationRequest } from './pipeline/compileOperation.js';
import { corsHeaders, preflightHeaders } from './pipeline/corsHeaders.js';
import { decodeBody } from './pipeline/decodeBody.js';
import { errorResponse } from './pipeline/errorResponse.js';
import { faultDelay, holdsConnection } from './pipeline/faultTiming.js';
import { completingErrors, judgeResponse, type Judge, type Log } from './pipeline/judgeResponse.js';
import type { HostHooks, MockReply, MockRequest } from './pipeline/MockExchange.js';
import type { MockResponse } from './pipeline/MockResponse.js';
import type { ReceivedBody } from './pipeline/ReceivedBody.js';
import { routeRequests } from './pipeline/routeRequests.js';
import { serializeResponse } from './pipeline/serializeResponse.js';
import { mediaOperations } from './routes/routeTable.js';

/** Everything a mock answers from: plain data and objects, whoever loaded them. */
export interface MockParts {
  contract: Contract;
  world: JobWorld;
  media: MediaLibrary;
  faults: FaultEngine;
  journal: RequestJournal;
  auth: AuthPolicy;
  log: Log;
  /** Values for schema-served operations (default: seeded with 0, made on first use). */
  sampler?: SchemaSampler | undefined;
  /** Fields the spec adds to domain-served responses: operationId → status → augment. */
  extraFields?: ReadonlyMap<string, ReadonlyMap<string, Augment>> | undefined;
  /** Fields the spec adds to error bodies. */
  errorFields?: ErrorFields | undefined;
}

/** Where a request goes: one of the spec's operations, a path of the spec without this method, or none of its paths. */
export type MockRoute =
  | {
      kind: 'operation';
      operationId: string;
      takesBody: boolean;
      readsMedia: boolean;
      /** The core's own match: handed back to `handle`, the request is not routed again. */
      match: { operation: CompiledOperation; pathParams: Record<string, string> };
    }
  | { kind: 'method' }
  | { kind: 'none' };

export interface Mock {
  /** Where a request to this method and URL goes (a host may prepare for it, or leave it to others). */
  routeOf(method: string, url: string): MockRoute;
  /**
   * Decides the answer to a request: synchronously, or after a multipart body is parsed. Never
   * throws: a bug of ours is a 500 BifrostError for that request, logged. `route`: what routeOf
   * said for this request, if the host asked (it is not routed twice).
   */
  handle<R extends MockRequest>(request: R, hooks?: HostHooks<R>, route?: MockRoute): MockReply | Promise<MockReply>;
  /** Judges error bodies sent outside any operation (hosts answering on their own, e.g. a 408). */
  readonly judgeError: Judge;
}

/** Longer URLs get a clear 414 (Node itself stops at 16 KB of headers with a bare 431). */
const MAX_URL_LENGTH = 8192;

/**
 * The core of the mock: a request in, an answer out, no I/O. Each request flows one way:
 * route (from the spec) → body decoding → the gateway's checks (key, parameters) → fault
 * decision → handler → fault layer → response validation → a reply the host acts out, written
 * to the journal when the host says it is over.
 */
export function createMock(parts: MockParts): Mock {
  const { contract, journal, log } = parts;
  let sampler = parts.sampler;
  const samplerInUse = () => (sampler ??= createSchemaSampler(0));
  const shared = { ...parts, sampler: samplerInUse };
  const operations = [...contract.operations.values()].map((operation) => compileOperation(operation, shared));
  const route = routeRequests<CompiledOperation>(operations);
  const judgeError = completingErrors((_status: number, body: unknown) => contract.validateErrorBody(body), parts.errorFields?.outside);

  /** An answer decided before any operation runs (414, 404, 405, a preflight): not journaled. */
  const early = (request: MockRequest, response: MockResponse): MockReply => {
    const judged = judgeResponse(response, judgeError, {}, log, `${request.method} ${request.url}`).response;
    return toReply(request, serializeResponse(judged), 0, () => undefined);
  };
  const fail = (request: MockRequest, error: MockError) => early(request, errorResponse(error, {}, log));

  const answer = <R extends MockRequest>(request: R, op: CompiledOperation, operationRequest: OperationRequest, hooks: HostHooks<R> | undefined): MockReply => {
    const row = journalRow(journal, request.method, request.url, request.rawHeaders, operationRequest.started, operationRequest.source);
    row.detail.requestBody = keptRequestBody(operationRequest.body.value, request.body?.byteLength ?? 0);
    const context = op.context(operationRequest);
    const mayHold = (decision: FaultDecision): FaultDecision => {
      // Hangs and long delays hold a connection: past the host's ceiling they are answered at once.
      if (!holdsConnection(decision) || !hooks?.reserveHold || hooks.reserveHold(request)) return decision;
      const ceiling = hooks.holdCeiling ?? 0;
      return { name: `${decision.name ?? 'latency'} (over the held ceiling of ${ceiling})`, effect: { kind: 'error', error: errors.heldCeiling(ceiling) }, latencyMs: 0 };
    };
    const { decision, response, faultAnswer } = op.decide(operationRequest, context, mayHold);
    const chosen = faultAnswer ?? response;
    row.entry.fault = decision.name ?? null;
    const delayMs = faultDelay(decision);
    const effect = decision.effect?.kind;
    if (effect === 'reset' || effect === 'empty' || effect === 'hang') {
      return { status: 0, headers: {}, delayMs, network: effect, finished: () => row.finish(null) };
    }
    const judged = judgeResponse(chosen ?? errorResponse(errors.internal(), context, log), op.judge, context, log, `${request.method} ${request.url}`);
    row.detail.response = chosen;
    row.detail.judge = op.judge;
    const reply = toReply(request, serializeResponse(judged.response), delayMs, (sent) => {
      if (sent) row.entry.validation = judged.passed ? 'passed' : 'failed';
      row.finish(sent ? judged.response.status : null);
    });
    return reply;
  };

  /** The route of a method and URL: the query is not part of it. */
  const locate = (method: string, url: string) => {
    const queryAt = url.indexOf('?');
    return route(method, queryAt === -1 ? url : url.slice(0, queryAt));
  };

  const handle = <R extends MockRequest>(request: R, hooks?: HostHooks<R>, given?: MockRoute): MockReply | Promise<MockReply> => {
    const started = performance.now();
    const { method, url } = request;
    if (url.length > MAX_URL_LENGTH) return fail(request, errors.uriTooLong(MAX_URL_LENGTH));
    if (method === 'OPTIONS') {
      const headers = preflightHeaders(request.header('origin'), request.header('access-control-request-headers'));
      return toReply(request, { status: 204, headers }, 0, () => undefined, false);
    }
    const queryAt = url.indexOf('?');
    let match = given?.kind === 'operation' ? given.match : undefined;
    if (!match) {
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      const found = route(method, path);
      if (found.kind === 'none') return fail(request, errors.routeNotFound(method, path));
      if (found.kind === 'method') return fail(request, errors.methodNotAllowed(method, path, found.allowed));
      match = { operation: found.target, pathParams: found.pathParams };
    }
    const op = match.operation;
    const pathParams = decodePathParams(match.pathParams);
    if (typeof pathParams === 'string') {
      return fail(request, pathParams === 'video_id' ? errors.invalidVideoIdEncoding() : errors.invalidParameter(pathParams, 'is not valid percent-encoding'));
    }
    const operationRequest = (body: ReceivedBody): OperationRequest => ({
      query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
      pathParams,
      videoId: pathParams['video_id'],
      header: (name) => request.header(name),
      body,
      started,
      // Who sent it: the console's own requests are journaled as such and skip the app's rules.
      source: requestSource({
        mockSource: request.header('x-mock-source'),
        authorization: request.header('authorization'),
        virtualKey: request.header('x-bf-vk'),
        origin: request.header('origin'),
      }),
    });
    const guarded = (body: ReceivedBody): MockReply => {
      try {
        return answer(request, op, operationRequest(body), hooks);
      } catch (error) {
        // A bug of ours (a handler or a judge that threw): this request gets a 500, nobody else notices.
        return early(request, errorResponse(error, {}, log));
      }
    };
    const body = op.takesBody ? decodeBody(request, op.operation.requestBody!) : {};
    if (body instanceof Promise) return body.then(guarded, (error: unknown) => early(request, errorResponse(error, {}, log)));
    return guarded(body);
  };

  return {
    routeOf(method, url) {
      const found = locate(method, url);
      if (found.kind !== 'found') return { kind: found.kind };
      const { operationId } = found.target.operation;
      return {
        kind: 'operation',
        operationId,
        takesBody: found.target.takesBody,
        readsMedia: mediaOperations.has(operationId),
        match: { operation: found.target, pathParams: found.pathParams },
      };
    },
    handle,
    judgeError,
  };
}

/** Every reply carries the CORS headers for the request's origin, and `nosniff`. */
function toReply(request: MockRequest, { status, headers, body }: { status: number; headers: Record<string, string>; body?: string | Uint8Array | undefined }, delayMs: number, finished: (sent: boolean) => void, cors = true): MockReply {
  if (cors) corsHeaders(request.header('origin'), headers);
  headers['X-Content-Type-Options'] = 'nosniff';
  return { status, headers, ...(body !== undefined && { body }), delayMs, finished };
}

/** Decoded path parameters, or the name of the first that is not valid percent-encoding. */
function decodePathParams(raw: Record<string, string>): Record<string, string> | string {
  const decoded: Record<string, string> = {};
  for (const name in raw) {
    try {
      decoded[name] = decodeURIComponent(raw[name]!);
    } catch {
      return name;
    }
  }
  return decoded;
}
