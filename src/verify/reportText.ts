import type { VerifyReport } from './CheckResult.js';

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** One line per check, the request that showed each failure, then a summary and the verdict. */
export function reportText(report: VerifyReport): string {
  const lines = [`verify ${report.baseUrl} (provider ${report.provider})`];
  for (const check of report.checks) {
    const scope = check.scope ? ` [${check.scope}]` : '';
    lines.push(`${MARK[check.status]} ${check.name}${scope}: ${check.detail}`);
    if (check.status === 'failed' && check.request) lines.push(`     request: ${replayable(check.request)}`);
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** Failures only, for stdout when the full report goes to files. */
export function reportFailures(report: VerifyReport): string {
  const lines = report.checks
    .filter((c) => c.status === 'failed')
    .flatMap((c) => [`FAIL ${c.name}${c.scope ? ` [${c.scope}]` : ''}: ${c.detail}`, ...(c.request ? [`     request: ${replayable(c.request)}`] : [])]);
  return [...lines, summaryLine(report)].join('\n') + '\n';
}

export function summaryLine(report: VerifyReport): string {
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const retries = report.retries.length > 0 ? `, ${report.retries.length} retried after 429/503` : '';
  const verdict = report.nothingVerified
    ? '\nnothing was verified: no walk reached the end of the list (raise --max-pages or walk larger --limits)'
    : report.strict && count('skipped') > 0
      ? `\n--strict: ${count('skipped')} skipped check(s) fail the run`
      : '';
  return `${report.checks.length} checks: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped (${report.requests} requests${retries})${verdict}`;
}

/** A request as `GET <url>`; lifecycle requests already name their method. */
export function replayable(request: string): string {
  return /^[A-Z]+ /.test(request) ? request : `GET ${request}`;
}
