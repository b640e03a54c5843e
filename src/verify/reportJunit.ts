import type { VerifyReport } from './CheckResult.js';

/** JUnit XML, the format CI systems (GitHub, GitLab, Jenkins) render as test results. */
export function reportJunit(report: VerifyReport): string {
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const cases = report.checks.map((check) => {
    const name = escape(check.scope ? `${check.name} [${check.scope}]` : check.name);
    const open = `    <testcase classname="video-jobs-mock.verify" name="${name}">`;
    if (check.status === 'passed') return `${open}</testcase>`;
    if (check.status === 'skipped') return `${open}<skipped message="${escape(check.detail)}"/></testcase>`;
    const text = check.request ? `${check.detail}\nrequest: GET ${check.request}` : check.detail;
    return `${open}<failure message="${escape(check.detail)}">${escape(text)}</failure></testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="video-jobs-mock verify" tests="${report.checks.length}" failures="${count('failed')}" skipped="${count('skipped')}">`,
    `  <testsuite name="${escape(`${report.baseUrl} provider=${report.provider}`)}" tests="${report.checks.length}" failures="${count('failed')}" skipped="${count('skipped')}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
