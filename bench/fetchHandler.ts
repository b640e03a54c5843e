import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FetchHandler, FetchHandlerOptions } from '../src/hosts/fetch/index.js';

export interface InProcessResult {
  workload: string;
  /** Responses per second, each body read in full. */
  rps: number;
  requests: number;
  /** Responses that were not the expected status. */
  unexpected: number;
}

const headers = { authorization: 'Bearer sk-bf-bench' };

/**
 * The fetch handler called in-process, as a test or a worker calls it: one request at a time,
 * no network, no sockets, each response's body read. The built package, as users import it.
 */
export async function fetchHandlerRates({ root, seconds }: { root: string; seconds: number }): Promise<InProcessResult[]> {
  const { createFetchHandler } = (await import(pathToFileURL(join(root, 'dist', 'hosts', 'fetch', 'index.js')).href)) as {
    createFetchHandler(options: FetchHandlerOptions): FetchHandler;
  };
  const mock = createFetchHandler({ now: '2026-01-15T12:00:00Z', log: () => undefined });
  const url = (path: string) => `http://mock${path}`;
  const ids: string[] = [];
  for (let after = ''; ; ) {
    const page = (await (await mock.handle(new Request(url(`/v1/videos?provider=openai&limit=100${after}`), { headers }))).json()) as { data: { id: string }[]; has_more: boolean; last_id: string };
    ids.push(...page.data.map((video) => video.id));
    if (!page.has_more) break;
    after = `&after=${page.last_id}`;
  }
  const pick = (i: number) => ids[(i * 7919) % (ids.length - 1)]!;
  const createBody = JSON.stringify({ prompt: 'A paper boat on a rainy street', model: 'openai/sora-2' });
  const workloads: [string, (i: number) => Request][] = [
    ['limit=20 random cursors', (i) => new Request(url(`/v1/videos?provider=openai&limit=20&after=${pick(i)}`), { headers })],
    ['retrieve random jobs', (i) => new Request(url(`/v1/videos/${pick(i)}`), { headers })],
    ['create (JSON)', () => new Request(url('/v1/videos'), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: createBody })],
  ];
  const results: InProcessResult[] = [];
  for (const [workload, request] of workloads) {
    await run(mock, request, Math.min(seconds, 1) * 300); // warm-up: JIT, caches
    const started = performance.now();
    let requests = 0;
    let unexpected = 0;
    while (performance.now() - started < seconds * 1000) {
      const batch = await run(mock, (i) => request(requests + i), 200);
      requests += 200;
      unexpected += batch;
    }
    results.push({ workload, rps: requests / ((performance.now() - started) / 1000), requests, unexpected });
  }
  return results;
}

/** Sends `count` requests one after another; returns how many were not a 200. */
async function run(mock: FetchHandler, request: (i: number) => Request, count: number): Promise<number> {
  let unexpected = 0;
  for (let i = 0; i < count; i++) {
    const response = await mock.handle(request(i));
    await response.arrayBuffer();
    if (response.status !== 200) unexpected++;
  }
  return unexpected;
}
