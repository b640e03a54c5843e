import type { VerifyReport } from './CheckResult.js';
import { replayable } from './reportText.js';

/** JUnit XML, the format CI systems (GitHub, GitLab, Jenkins) render as test results. */
export function reportJunit(report: VerifyReport): string {
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
  const cases = report.checks.map((check) => {
    const name = escape(check.scope ? `${check.name} [${check.scope}]` : check.name);
    const open = `    <testcase classname="video-jobs-mock.verify" name="${name}" time="${seconds(check.durationMs)}">`;
    if (check.status === 'passed') return `${open}</testcase>`;
    if (check.status === 'skipped') return `${open}<skipped message="${escape(check.detail)}"/></testcase>`;
    const text = check.request ? `${check.detail}\nrequest: ${replayable(check.request)}` : check.detail;
    return `${open}<failure message="${escape(check.detail)}">${escape(text)}</failure></testcase>`;
  });
  // A run that verified nothing, or skipped checks under --strict, fails as a case of its own.
  const verdict = report.nothingVerified
    ? 'nothing was verified: no walk reached the end of the list'
    : report.strict && count('skipped') > 0
      ? `--strict: ${count('skipped')} skipped check(s) fail the run`
      : undefined;
  if (verdict) cases.push(`    <testcase classname="video-jobs-mock.verify" name="verdict" time="0.000"><failure message="${escape(verdict)}">${escape(verdict)}</failure></testcase>`);
  const tests = cases.length;
  const failures = count('failed') + (verdict ? 1 : 0);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${count('skipped')}" time="${seconds(report.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="video-jobs-mock verify" ${counts}>`,
    `  <testsuite name="${escape(`${report.baseUrl} provider=${report.provider}`)}" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
