import autocannon from 'autocannon';
import { spawnServer } from './spawnServer.js';

export interface SoakResult {
  requests: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  statuses: Record<string, number>;
  serverErrors: number;
}

/** A long run with faults on: memory must stay flat (bounded journal, bounded caches). */
export async function soak({ command, requests, headers, faults }: { command: string[]; requests: number; headers: Record<string, string>; faults: string }): Promise<SoakResult> {
  const server = await spawnServer(process.execPath, [...command, '--port', '0', '--faults', faults]);
  try {
    const paths = Array.from({ length: 250 }, (_, i) => `/v1/videos?provider=${i % 5 === 0 ? 'azure' : 'openai'}&limit=${1 + (i % 100)}&order=${i % 2 ? 'asc' : 'desc'}`);
    // Warm up first, so the "before" figure is the steady state rather than a cold heap.
    await autocannon({ url: server.url, connections: 16, amount: 2_000, headers });
    const rssBeforeMb = server.rssMb();
    let next = 0;
    const statuses: Record<string, number> = {};
    const result = await autocannon({
      url: server.url,
      connections: 32,
      amount: requests,
      headers,
      requests: [
        {
          setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
    const rssAfterMb = server.rssMb();
    const serverErrors = Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500 && status !== '503')
      .reduce((sum, [, n]) => sum + n, 0);
    const soakResult = { requests: result.requests.total, rssBeforeMb: Math.round(rssBeforeMb), rssAfterMb: Math.round(rssAfterMb), statuses, serverErrors };
    console.log(`\nSoak: ${soakResult.requests} requests with faults on; RSS ${soakResult.rssBeforeMb} MB before, ${soakResult.rssAfterMb} MB after; statuses ${JSON.stringify(statuses)}`);
    return soakResult;
  } finally {
    await server.stop();
  }
}
