import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Mean size of a response, headers included. */
  bytesPerResponse: number;
  /** Responses whose status differed from the one expected. */
  unexpected: number;
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
}

/** Loads one server with autocannon and reports throughput and latency percentiles. */
export async function load({ url, paths, expectStatus, seconds, connections = 32, headers = {}, method = 'GET', body }: LoadOptions): Promise<LoadResult> {
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
  const counts = result.statusCodeStats as Partial<Record<string, { count: number }>>;
  const unexpected = Object.entries(counts).reduce((n, [status, c]) => (Number(status) === expectStatus ? n : n + (c?.count ?? 0)), 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.average > 0 ? result.throughput.average / result.requests.average : 0,
    unexpected: unexpected + result.errors + result.timeouts,
  };
}
