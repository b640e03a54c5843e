export interface CheckResult {
  /** Stable, dotted name, e.g. `pagination.no-duplicates`. */
  name: string;
  /** What was walked or sent, e.g. `limit=7 order=desc`. */
  scope?: string;
  status: 'passed' | 'failed' | 'skipped';
  /** What held, or what was wrong. */
  detail: string;
  /** The request that showed the problem. */
  request?: string;
}

export interface VerifyReport {
  baseUrl: string;
  provider: string;
  requests: number;
  checks: CheckResult[];
  passed: boolean;
}
