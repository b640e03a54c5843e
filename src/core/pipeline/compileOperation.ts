import type { ErrorContext } from '../errors/toBifrostError.js';
import type { FaultDecision, FaultEngine } from '../faults/createFaultEngine.js';
import type { JobWorld } from '../jobs/createJobWorld.js';
import type { RequestSource } from '../journal/requestSource.js';
import type { MediaLibrary } from '../media/mediaLibrary.js';
import type { Augment } from '../openapi/augmentBody.js';
import type { Contract, OperationContract } from '../openapi/compileContract.js';
import { declaredStatuses } from '../openapi/declaredStatuses.js';
import type { ErrorFields } from '../openapi/findErrorFields.js';
import { readParameters, type ParameterSources, type ParameterValues } from '../openapi/readParameters.js';
import type { SchemaSampler } from '../openapi/sampleSchema.js';
import { providerRequestId } from './providerRequestId.js';
import { bodyProblem } from '../routes/bodyProblem.js';
import { domainRequestBody } from '../routes/domainRequestBody.js';
import { routeHandlers, routeRequestTypes } from '../routes/routeTable.js';
import { schemaServed } from '../routes/schemaServed.js';
import { checkVideoId } from '../routes/videoTarget.js';
import { augmentResponse } from './augmentResponse.js';
import { authenticate, type AuthPolicy } from './authenticate.js';
import { errorResponse } from './errorResponse.js';
import { faultErrorResponse } from './faultErrorResponse.js';
import { completingErrors, type Judge, type Log } from './judgeResponse.js';
import type { MockResponse } from './MockResponse.js';
import type { ReceivedBody } from './ReceivedBody.js';
import { requestContext } from './requestContext.js';

/** What every operation of one runtime shares. */
export interface OperationContext {
  contract: Contract;
  world: JobWorld;
  media: MediaLibrary;
  auth: AuthPolicy;
  faults: FaultEngine;
  log: Log;
  sampler: () => SchemaSampler;
  extraFields?: ReadonlyMap<string, ReadonlyMap<string, Augment>> | undefined;
  errorFields?: ErrorFields | undefined;
}

/** A request of this operation, as far as the pipeline has read it. */
export interface OperationRequest {
  query: URLSearchParams;
  /** Path parameters, decoded. */
  pathParams: Record<string, string>;
  /** The `{video_id}`, decoded. */
  videoId: string | undefined;
  header(name: string): string | undefined;
  body: ReceivedBody;
  started: number;
  /** Who sent it (the console, or an app by its key and origin). */
  source: RequestSource;
}

export interface CompiledOperation {
  operation: OperationContract;
  method: string;
  path: string;
  judge: Judge;
  /** Whether the operation reads a request body at all. */
  takesBody: boolean;
  /** The provider and request type a request is for, for its error bodies and fault rules. */
  context(request: OperationRequest): ErrorContext;
  /**
   * The gateway's own checks (the key, the parameters, a readable body that fits the spec), then
   * the fault decision, then the handler unless a fault replaces the answer. A fault that comes
   * from the provider applies only to requests that passed the gateway's checks.
   */
  decide(request: OperationRequest, context: ErrorContext, mayHold: (decision: FaultDecision) => FaultDecision): Decided;
}

export interface Decided {
  decision: FaultDecision;
  /** What the handler (or the gateway's checks) answered; absent when a fault replaced it. */
  response?: MockResponse;
  /** An injected error, as this operation answers it. */
  faultAnswer?: MockResponse;
}

/** Everything one operation needs per request, computed once per runtime. */
export function compileOperation(operation: OperationContract, shared: OperationContext): CompiledOperation {
  const { contract, world, media, auth, faults, log, sampler } = shared;
  const { operationId, requestBody } = operation;
  // routes/routeTable.ts decides which operations are domain-served; the rest are schema-served.
  const domain = routeHandlers[operationId];
  const schema = domain ? undefined : schemaServed(operation, sampler());
  // What `Prefer: code=` and a rule's custom status may be for this operation.
  const declared = declaredStatuses(operation.statuses);
  const errorAnswer = faultErrorResponse(operation, sampler, log, shared.errorFields?.byOperation.get(operationId));
  // Domain bodies get the fields the spec adds; with none (the bundled spec), nothing runs.
  const augment = domain ? augmentResponse(shared.extraFields?.get(operationId)) : undefined;
  // Errors a schema-served operation does not declare are judged as BifrostErrors.
  const judgeJson = domain
    ? operation.validateResponse
    : (status: number, body: unknown) => (operation.declares(status) ? operation.validateResponse(status, body) : contract.validateErrorBody(body));
  const judge = completingErrors(
    (status: number, body: unknown, contentType?: string) =>
      contentType === undefined ? judgeJson(status, body) : operation.validateMediaType(status, contentType),
    shared.errorFields?.byOperation.get(operationId),
  );
  const takesBody = requestBody !== undefined && requestBody.mediaTypes.length > 0;
  // Path parameters are judged by the spec on every route; a domain route checks its
  // {video_id} the gateway's way first, so the gateway's wording is the one a client sees.
  const pathParams = operation.parameters.some((p) => p.in === 'path');
  const headerParams = operation.parameters.some((p) => p.in === 'header');
  const requestType = routeRequestTypes[operationId];
  const requestIdHeaders = new Map(world.providers.flatMap((p) => (p.requestIdHeader ? [[p.name, p.requestIdHeader] as const] : [])));
  /** What came from the provider (a domain answer, or an error passed through) carries its request id header. */
  const fromProvider = (response: MockResponse, context: ErrorContext): MockResponse => {
    const header = context.provider === undefined ? undefined : requestIdHeaders.get(context.provider);
    if (header === undefined) return response;
    const passedThrough = response.status >= 400 && (response.body as { is_bifrost_error?: unknown } | undefined)?.is_bifrost_error === false;
    if (response.status >= 400 ? !passedThrough : !domain) return response;
    // Handlers build a fresh response per request: the header goes on in place.
    (response.headers ??= {})[header] = providerRequestId();
    return response;
  };

  /** The key and the parameters: throws the gateway's 401 or 400. */
  const gatewayChecks = (request: OperationRequest): ParameterValues => {
    if (operation.secured) authenticate({ authorization: request.header('authorization'), virtualKey: request.header('x-bf-vk') }, auth);
    // Built field by field: the list (query only) pays for no spread or closure.
    const sources: ParameterSources = { query: request.query };
    if (domain && request.videoId !== undefined) checkVideoId(request.videoId);
    if (pathParams) sources.path = request.pathParams;
    if (headerParams) sources.header = request.header;
    return readParameters(operation.parameters, sources);
  };

  /** Whether the body was read and fits the spec's schema (a readable body is all a provider fault needs). */
  const bodyFits = (body: ReceivedBody): boolean => {
    if (!takesBody || body.failure) return !body.failure;
    if (body.mediaType === undefined) return !requestBody!.required;
    return bodyProblem(body, requestBody!) === undefined;
  };

  const handle = (request: OperationRequest, params: ParameterValues, decision: FaultDecision): MockResponse => {
    if (domain) {
      const response = domain({
        params,
        ...(request.videoId !== undefined && { videoId: request.videoId }),
        ...(takesBody && { body: domainRequestBody(request.body, requestBody!) }),
        header: request.header,
        world,
        media,
        directive: decision.job ?? {},
        elapsedMs: () => performance.now() - request.started,
      });
      return augment ? augment(response) : response;
    }
    return schema!({ params, body: request.body });
  };

  return {
    operation,
    method: operation.method,
    path: operation.path,
    judge,
    takesBody,
    context: (request) => requestContext(request.query, request.videoId, request.body.value, requestType),
    decide(request, context, mayHold) {
      let params: ParameterValues | undefined;
      let refusal: unknown;
      let passed: boolean | undefined; // the gateway's verdict, judged only if a provider fault asks
      try {
        params = gatewayChecks(request);
      } catch (error) {
        refusal = error;
      }
      let decision = faults.decide({
        source: request.source.kind,
        ...(context.provider !== undefined && { provider: context.provider }),
        operation: operationId,
        ...(requestType !== undefined && { requestType }),
        declared,
        query: request.query,
        header: request.header,
        passedGateway: () => (passed ??= params !== undefined && bodyFits(request.body)),
      });
      decision = mayHold(decision);
      const { effect } = decision;
      if (effect?.kind === 'error') return { decision, faultAnswer: fromProvider(errorAnswer(effect.error, context), context) };
      if (effect !== undefined && effect.kind !== 'slow') return { decision };
      try {
        if (params === undefined) throw refusal;
        return { decision, response: fromProvider(handle(request, params, decision), context) };
      } catch (error) {
        return { decision, response: fromProvider(errorResponse(error, context, log), context) };
      }
    },
  };
}
