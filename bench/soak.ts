import autocannon from 'autocannon';
import { spawnServer } from './spawnServer.js';

export interface SoakResult {
  requests: number;
  /** RSS after warm-up, then after each fifth of the run. */
  rssMb: number[];
  /** Growth over the last three fifths: near 0 when memory is flat. */
  lateGrowthMb: number;
  statuses: Record<string, number>;
}

/** A long run with faults on: memory must level off (bounded journal, bounded caches). */
export async function soak({ command, requests, headers, faults }: { command: string[]; requests: number; headers: Record<string, string>; faults: string }): Promise<SoakResult> {
  const server = await spawnServer(process.execPath, [...command, '--port', '0', '--faults', faults]);
  try {
    const paths = Array.from({ length: 250 }, (_, i) => `/v1/videos?provider=${i % 5 === 0 ? 'azure' : 'openai'}&limit=${1 + (i % 100)}&order=${i % 2 ? 'asc' : 'desc'}`);
    await autocannon({ url: server.url, connections: 16, amount: 2_000, headers });
    const rssMb = [server.rssMb()];
    const statuses: Record<string, number> = {};
    let next = 0;
    let total = 0;
    for (let fifth = 0; fifth < 5; fifth++) {
      const result = await autocannon({
        url: server.url,
        connections: 32,
        amount: Math.round(requests / 5),
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
      total += result.requests.total;
      rssMb.push(server.rssMb());
    }
    const rounded = rssMb.map(Math.round);
    const lateGrowthMb = Math.round(rssMb[5]! - rssMb[2]!);
    console.log(`\nSoak: ${total} requests with faults on; RSS MB after warm-up and each fifth: ${rounded.join(' → ')} (last three fifths: ${lateGrowthMb >= 0 ? '+' : ''}${lateGrowthMb} MB); statuses ${JSON.stringify(statuses)}`);
    return { requests: total, rssMb: rounded, lateGrowthMb, statuses };
  } finally {
    await server.stop();
  }
}
