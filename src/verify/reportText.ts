import type { VerifyReport } from './CheckResult.js';

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** One line per check, the request that showed each failure, then a summary. */
export function reportText(report: VerifyReport): string {
  const lines = [`verify ${report.baseUrl} (provider ${report.provider})`];
  for (const check of report.checks) {
    const scope = check.scope ? ` [${check.scope}]` : '';
    lines.push(`${MARK[check.status]} ${check.name}${scope}: ${check.detail}`);
    if (check.status === 'failed' && check.request) lines.push(`     request: GET ${check.request}`);
  }
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  lines.push(
    `${report.checks.length} checks: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped (${report.requests} requests)`,
  );
  return lines.join('\n') + '\n';
}
