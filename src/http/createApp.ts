import express, { type Express, type Request } from 'express';
import cors from 'cors';
import type { Dataset } from '../data/createDataset.js';
import { errors } from '../errors/catalog.js';
import { MockError } from '../errors/MockError.js';
import { toBifrostError, type ErrorContext } from '../errors/toBifrostError.js';
import type { Contract, OperationContract } from '../spec/compileContract.js';
import { readParameters, type ParameterValues } from '../spec/readParameters.js';
import { authenticate, type AuthPolicy } from './authenticate.js';
import type { MockResponse } from './MockResponse.js';
import { respond, type Log } from './respond.js';
import { listVideos } from './routes/listVideos.js';

export interface AppOptions {
  contract: Contract;
  dataset: Dataset;
  auth: AuthPolicy;
  log: Log;
}

interface HandlerInput {
  params: ParameterValues;
  dataset: Dataset;
  elapsedMs: () => number;
}

/** Handlers by operationId; the spec decides which of them are routed and how. */
const handlers: Record<string, (input: HandlerInput) => MockResponse> = { listVideos };

/** Request types the gateway reports in `extra_fields.request_type`. */
const requestTypes: Record<string, string> = { listVideos: 'video_list' };

/**
 * Wires HTTP only. Each routed request flows one way:
 * CORS → auth → parameter validation (from the spec) → handler → response validation → send.
 */
export function createApp({ contract, dataset, auth, log }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(
    cors({
      origin: true,
      exposedHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
  );

  const methodsByPath = new Map<string, string[]>();
  for (const operation of contract.operations.values()) {
    const handler = handlers[operation.operationId];
    if (!handler) continue;
    const route = toExpressPath(operation.path);
    methodsByPath.set(route, [...(methodsByPath.get(route) ?? []), operation.method]);
    const register = app[operation.method.toLowerCase() as 'get'].bind(app);
    register(route, (req, res) => {
      const started = performance.now();
      const context = errorContext(req, operation);
      let response: MockResponse;
      try {
        authenticate(
          { authorization: req.get('authorization'), virtualKey: req.get('x-bf-vk') },
          auth,
        );
        const params = readParameters(operation.parameters, searchParams(req));
        response = handler({ params, dataset, elapsedMs: () => performance.now() - started });
      } catch (error) {
        response = errorResponse(error, context, log);
      }
      respond(res, response, operation.validateResponse, context, log);
    });
  }

  const judgeError = (_status: number, body: unknown) => contract.validateErrorBody(body);
  for (const [route, methods] of methodsByPath) {
    app.all(route, (req, res) => {
      const error = errors.methodNotAllowed(req.method, req.path, methods);
      respond(res, errorResponse(error, {}, log), judgeError, {}, log);
    });
  }
  app.use((req, res) => {
    const error = errors.routeNotFound(req.method, req.path);
    respond(res, errorResponse(error, {}, log), judgeError, {}, log);
  });
  return app;
}

function errorResponse(error: unknown, context: ErrorContext, log: Log): MockResponse {
  if (!(error instanceof MockError)) {
    // A bug of ours: log it in full, answer without leaking internals.
    log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    error = errors.internal();
  }
  const mockError = error as MockError;
  return {
    status: mockError.status,
    body: toBifrostError(mockError, context),
    headers: { ...mockError.headers },
  };
}

function errorContext(req: Request, operation: OperationContract): ErrorContext {
  const provider = searchParams(req).get('provider');
  return {
    ...(provider ? { provider } : {}),
    ...(requestTypes[operation.operationId] && { requestType: requestTypes[operation.operationId] }),
  };
}

function searchParams(req: Request): URLSearchParams {
  const query = req.originalUrl.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : req.originalUrl.slice(query + 1));
}

/** `/v1/videos/{video_id}` → `/v1/videos/:video_id` */
function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
