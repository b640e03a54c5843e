export interface CheckResult {
  /** Stable, dotted name, e.g. `pagination.no-duplicates`. */
  name: string;
  /** What was walked or sent, e.g. `limit=7 order=desc`. */
  scope?: string;
  /**
   * `warning`: the contract holds, a convention beyond it does not (an error naming no
   * parameter, say). Warnings fail the run only under `strict`.
   */
  status: 'passed' | 'failed' | 'warning' | 'skipped';
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
  /** Each operation of the spec, each status it declares, and whether an answer with it was seen. */
  coverage: CoverageRow[];
  /** With `strict`, a skipped check or a warning fails the run. */
  strict: boolean;
  /** True when no walk reached the end: the run proved nothing about pagination. */
  nothingVerified: boolean;
  passed: boolean;
  durationMs: number;
}

export interface CoverageRow {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/videos/{video_id}`. */
  path: string;
  /** Declared statuses as the spec writes them (`200`, `4XX`), `default` left out. */
  statuses: { status: string; exercised: boolean }[];
  /** Statuses answered that the spec covers only through `default`. */
  byDefault: number[];
}
