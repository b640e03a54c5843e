export interface CheckResult {
  /** Stable, dotted name, e.g. `pagination.no-duplicates`. */
  name: string;
  /** What was walked or sent, e.g. `limit=7 order=desc`. */
  scope?: string;
  status: 'passed' | 'failed' | 'skipped';
  /** What held, or what was wrong. */
  detail: string;
  /** The request that showed the problem (GET unless it names another method), to replay. */
  request?: string;
  /** Time spent on the requests this check needed, when it needed its own. */
  durationMs?: number;
}

export interface VerifyReport {
  baseUrl: string;
  provider: string;
  /** The OpenAPI document the responses were judged against. */
  specPath: string;
  requests: number;
  /** Requests answered 429/503 and sent again, with the wait each got. */
  retries: { request: string; status: number; waitedMs: number }[];
  checks: CheckResult[];
  /** With `strict`, a skipped check fails the run. */
  strict: boolean;
  /** True when no walk reached the end: the run proved nothing about pagination. */
  nothingVerified: boolean;
  passed: boolean;
  durationMs: number;
}
