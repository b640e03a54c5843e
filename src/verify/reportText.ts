import type { CheckResult, VerifyReport } from './CheckResult.js';
import { coverageLines } from './coverage.js';

const MARK = { passed: 'PASS', failed: 'FAIL', warning: 'WARN', skipped: 'SKIP' } as const;

/** One line per check (failures and warnings with the request to replay), the coverage table, then a summary and the verdict. */
export function reportText(report: VerifyReport): string {
  const lines = [`verify ${report.baseUrl} (provider ${report.provider})`];
  for (const check of report.checks) lines.push(...checkLines(check));
  if (report.coverage.length > 0) {
    lines.push('coverage (each operation, the statuses the spec declares for it, seen or not):');
    lines.push(...coverageLines(report.coverage).map((line) => `  ${line}`));
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** Failures and warnings only, for stdout when the full report goes to files. */
export function reportFailures(report: VerifyReport): string {
  const lines = report.checks.filter((c) => c.status === 'failed' || c.status === 'warning').flatMap(checkLines);
  return [...lines, summaryLine(report)].join('\n') + '\n';
}

function checkLines(check: CheckResult): string[] {
  const line = `${MARK[check.status]} ${check.name}${check.scope ? ` [${check.scope}]` : ''}: ${check.detail}`;
  const replay = (check.status === 'failed' || check.status === 'warning') && check.request;
  return replay ? [line, `     request: ${replayable(check.request!)}`] : [line];
}

export function summaryLine(report: VerifyReport): string {
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const retries = report.retries.length > 0 ? `, ${report.retries.length} retried after 429/503` : '';
  const warnings = count('warning') > 0 ? `, ${count('warning')} warning(s)` : '';
  const verdict = report.nothingVerified
    ? 'nothing was verified: no walk reached the end of the list (raise --max-pages or walk larger --limits)'
    : strictVerdict(report);
  return `${report.checks.length} checks: ${count('passed')} passed, ${count('failed')} failed${warnings}, ${count('skipped')} skipped (${report.requests} requests${retries})${verdict ? `\n${verdict}` : ''}`;
}

/** Under --strict, what of the skipped checks and warnings fails the run; empty when nothing does. */
export function strictVerdict(report: VerifyReport): string {
  if (!report.strict) return '';
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const warnings = report.checks.filter((c) => c.status === 'warning').length;
  const parts = [...(skipped > 0 ? [`${skipped} skipped check(s)`] : []), ...(warnings > 0 ? [`${warnings} warning(s)`] : [])];
  return parts.length > 0 ? `--strict: ${parts.join(' and ')} fail the run` : '';
}

/** A request as `GET <url>`; requests of other methods already name theirs. */
export function replayable(request: string): string {
  return /^[A-Z]+ /.test(request) ? request : `GET ${request}`;
}
