import type { VerifyReport } from './CheckResult.js';

/** The whole report as JSON, for scripts and dashboards. */
export function reportJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
