import { errorSchemaProblems } from './specJudge.js';
import type { TestServer } from './http.js';

/**
 * One call to a test server's admin API: a JSON body (a string goes as it is, to send broken
 * JSON), Content-Type JSON unless `headers` says otherwise, and the answer read as JSON. Every
 * refusal must be a spec-valid BifrostError, whatever the test goes on to check.
 */
export async function adminCall<T>(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/__mock${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (response.status >= 400) expect(errorSchemaProblems(json)).toEqual([]);
  return { status: response.status, headers: response.headers, body: json };
}
