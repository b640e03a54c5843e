import OpenAI from 'openai';
import { KEY, type TestServer } from './http.js';
import { schemaProblems } from './specJudge.js';

/** The spec path template a request URL belongs to, for judging its response. */
export function operationPath(url: string): string {
  const path = new URL(url).pathname;
  if (path === '/v1/videos') return path;
  if (path.endsWith('/remix')) return '/v1/videos/{video_id}/remix';
  if (path.endsWith('/content')) return '/v1/videos/{video_id}/content';
  return '/v1/videos/{video_id}';
}

/**
 * The official client, unmodified but for baseURL and a fetch that judges every JSON answer
 * against openapi.yaml for its path, method and status (and records what was sent).
 */
export function videoClient(server: TestServer, seen: { method: string; url: string; status: number }[] = []): OpenAI {
  return new OpenAI({
    apiKey: KEY,
    baseURL: `${server.url}/v1`,
    // The gateway's list needs `provider`; the other routes take it from the id or the model.
    defaultQuery: { provider: 'openai' },
    maxRetries: 0,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      const method = (init?.method ?? 'GET').toLowerCase();
      seen.push({ method, url: String(url), status: response.status });
      if (response.headers.get('content-type')?.startsWith('application/json')) {
        const body: unknown = await response.clone().json();
        const problems = schemaProblems(response.status, body, operationPath(String(url)), method);
        if (problems.length > 0) throw new Error(`${method} ${String(url)} breaks openapi.yaml: ${problems.join('; ')}`);
      }
      return response;
    },
  });
}

/** Moves a server's clock through the admin API. */
export async function advanceClock(server: TestServer, seconds: number): Promise<{ now: string; nowUnix: number }> {
  const response = await fetch(`${server.url}/__mock/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance: seconds }),
  });
  if (response.status !== 200) throw new Error(`advance ${seconds}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { now: string; nowUnix: number };
}
