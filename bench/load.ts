import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
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
}

/** Loads one server with autocannon and reports throughput and latency percentiles. */
export async function load({ url, paths, expectStatus, seconds, connections = 32, headers = {} }: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let unexpected = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
        onResponse: (status) => {
          if (status !== expectStatus) unexpected += 1;
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: unexpected + result.errors + result.timeouts,
  };
}
