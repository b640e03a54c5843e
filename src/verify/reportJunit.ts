import type { VerifyReport } from './CheckResult.js';
import { replayable, strictVerdict } from './reportText.js';

/**
 * JUnit XML, the format CI systems (GitHub, GitLab, Jenkins) render as test results. JUnit has
 * no warning: a warned check is a passing case whose `system-out` says `WARNING`. The coverage
 * table is the suite's properties, `coverage <operationId> <status>` = `exercised` or `not exercised`.
 */
export function reportJunit(report: VerifyReport): string {
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
  const cases = report.checks.map((check) => {
    const name = escape(check.scope ? `${check.name} [${check.scope}]` : check.name);
    const open = `    <testcase classname="video-jobs-mock.verify" name="${name}" time="${seconds(check.durationMs)}">`;
    const text = check.request ? `${check.detail}\nrequest: ${replayable(check.request)}` : check.detail;
    if (check.status === 'passed') return `${open}</testcase>`;
    if (check.status === 'skipped') return `${open}<skipped message="${escape(check.detail)}"/></testcase>`;
    if (check.status === 'warning') return `${open}<system-out>${escape(`WARNING: ${text}`)}</system-out></testcase>`;
    return `${open}<failure message="${escape(check.detail)}">${escape(text)}</failure></testcase>`;
  });
  // A run that verified nothing, or skipped checks or warnings under --strict, fails as a case of its own.
  const verdict = report.nothingVerified ? 'nothing was verified: no walk reached the end of the list' : strictVerdict(report) || undefined;
  if (verdict) cases.push(`    <testcase classname="video-jobs-mock.verify" name="verdict" time="0.000"><failure message="${escape(verdict)}">${escape(verdict)}</failure></testcase>`);
  const tests = cases.length;
  const failures = count('failed') + (verdict ? 1 : 0);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${count('skipped')}" time="${seconds(report.durationMs)}"`;
  const property = (name: string, value: string) => `      <property name="${escape(name)}" value="${escape(value)}"/>`;
  const properties = [
    property('warnings', String(count('warning'))),
    ...report.coverage.flatMap((row) => [
      ...row.statuses.map((s) => property(`coverage ${row.operationId} ${s.status}`, s.exercised ? 'exercised' : 'not exercised')),
      ...row.byDefault.map((status) => property(`coverage ${row.operationId} ${status}`, 'exercised (declared only by default)')),
    ]),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="video-jobs-mock verify" ${counts}>`,
    `  <testsuite name="${escape(`${report.baseUrl} provider=${report.provider}`)}" ${counts}>`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
