import { startServer, type RunningServer, type ServerOptions } from '../../src/hosts/express/startServer.js';
import { errorSchemaProblems, schemaProblems } from './specJudge.js';

export const KEY = 'sk-bf-test-key';
export const AUTH = { Authorization: `Bearer ${KEY}` };

export interface TestServer extends RunningServer {
  logs: string[];
}

/** A real listening server on a free port, logging into an array the test can read. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({ port: 0, log: (line) => logs.push(line), ...options });
  return Object.assign(server, { logs });
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * GET over HTTP, parse JSON, and fail unless the body matches the spec for its status
 * (unknown routes are judged as BifrostError).
 */
export async function getJson<T = Record<string, unknown>>(
  url: string,
  init: RequestInit = { headers: AUTH },
): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const body = (await response.json()) as T;
  const onOperation = new URL(url).pathname === '/v1/videos' && (init.method ?? 'GET') === 'GET';
  const problems = onOperation ? schemaProblems(response.status, body) : errorSchemaProblems(body);
  if (problems.length > 0) {
    throw new Error(`response to ${url} breaks openapi.yaml: ${problems.join('; ')}`);
  }
  return { status: response.status, headers: response.headers, body };
}
