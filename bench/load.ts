import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Mean size of a response, headers included. */
  bytesPerResponse: number;
  /** Responses whose status differed from the one expected. */
  unexpected: number;
  /**
   * The server process's CPU time (user + system, all threads) per response, in µs, when its
   * pid is known and Linux's /proc tells it: steadier than req/s on a shared machine, where the
   * load generator and other jobs take turns with the server for the same cores.
   */
  cpuUsPerRequest?: number;
}

export interface LoadOptions {
  url: string;
  /** Paths to cycle through (with query), e.g. pages at random cursors. */
  paths: string[];
  expectStatus: number;
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
  /** Default GET; a POST sends `body` as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
  /** The server's process id, to measure its CPU time per response. */
  pid?: number;
}

/** Loads one server with autocannon and reports throughput and latency percentiles. */
export async function load({ url, paths, expectStatus, seconds, connections = 32, headers = {}, method = 'GET', body, pid }: LoadOptions): Promise<LoadResult> {
  const cpuBefore = pid === undefined ? undefined : cpuMs(pid);
  // Prebuilt requests and status counts from autocannon's own tally: a per-request
  // setupRequest/onResponse callback costs the load generator CPU the servers then lack on a
  // 2-core machine. Each connection walks the whole list from its start, several times over a
  // 5 s run; both servers are loaded the same way.
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: paths.map((path) =>
      body === undefined ? { method, path } : { method, path, body, headers: { ...headers, 'content-type': 'application/json' } },
    ),
  });
  const cpuAfter = pid === undefined ? undefined : cpuMs(pid);
  const counts = result.statusCodeStats as Partial<Record<string, { count: number }>>;
  const unexpected = Object.entries(counts).reduce((n, [status, c]) => (Number(status) === expectStatus ? n : n + (c?.count ?? 0)), 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.average > 0 ? result.throughput.average / result.requests.average : 0,
    unexpected: unexpected + result.errors + result.timeouts,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 && { cpuUsPerRequest: ((cpuAfter - cpuBefore) * 1000) / result.requests.total }),
  };
}

/** A process's CPU time so far in ms (utime + stime of /proc/<pid>/stat), or undefined off Linux. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Fields 14 and 15 of stat (0-based 11 and 12 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
