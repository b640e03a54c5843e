import type { VerifyReport } from '../../src/verify/CheckResult.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { breakages, startBrokenServer, type Breakage } from '../fixtures/brokenServers.js';

/** For each deliberate bug, the check that must catch it. */
const caughtBy: Record<(typeof breakages)[number], string> = {
  'duplicate-across-pages': 'pagination.no-duplicates',
  'wrong-last-id': 'pagination.first-last-ids',
  'has-more-always-true': 'pagination.has-more',
  'has-more-on-full-last-page': 'pagination.full-last-page',
  'cursor-ignored': 'pagination.walk',
  'order-ignored': 'pagination.order',
  'page-longer-than-limit': 'pagination.limit',
  'walks-disagree': 'pagination.same-jobs',
  'ties-asc-not-reverse': 'pagination.asc-reverses-desc',
  'ties-cursor-skips': 'pagination.ties',
  'ties-cursor-restarts-group': 'pagination.ties',
  'large-page-500': 'pagination.walk',
  'bare-cursor-refused': 'cursor.provider-suffix',
  'id-without-suffix': 'ids.provider-suffix',
  'default-order-asc': 'defaults.order',
  'default-limit-10': 'defaults.limit',
  'missing-required-field': 'schema',
  'broken-empty-page': 'schema',
  'error-with-wrong-shape': 'errors.missing-provider',
  'wrong-param-named': 'errors.unknown-cursor',
  'status-code-mismatch': 'errors.no-auth',
  'missing-provider-defaults': 'errors.missing-provider',
  'limit-zero-500': 'errors.limit-out-of-range',
  'limit-above-max-clamped': 'errors.limit-out-of-range',
  'order-enum-ignored': 'errors.order-not-in-enum',
  'empty-after-accepted': 'errors.after-empty',
  'repeated-param-takes-last': 'errors.limit-repeated',
  'unknown-provider-200': 'errors.unknown-provider',
  'cannot-list-200': 'errors.provider-cannot-list',
  'foreign-cursor-accepted': 'errors.foreign-cursor',
  'no-auth-200': 'errors.no-auth',
};

const failed = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name && c.status === 'failed');

describe('verify catches every class of bug', () => {
  test('the table covers every switchable bug of the fixture server', () => {
    expect(Object.keys(caughtBy).sort()).toEqual([...breakages].sort());
  });

  test.each(Object.entries(caughtBy))('a server with %s fails %s, naming the request to replay', async (breakage, check) => {
    // 30 jobs in ties of three: no default limit (100, 20, 7) divides 30, as 250 in the issue.
    const broken = await startBrokenServer(breakage as Breakage);
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      expect(report.passed).toBe(false);
      const failure = failed(report, check);
      expect(failure).toBeDefined();
      expect(failure!.request).toMatch(new RegExp(`^(GET )?${broken.url}/v1/videos`));
      expect(failure!.detail.length).toBeGreaterThan(10);
    } finally {
      await broken.close();
    }
  });

  test('has_more on an exactly full last page is caught at 250 jobs too, by a walk sized from the total', async () => {
    const broken = await startBrokenServer('has-more-on-full-last-page', 250);
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      expect(failed(report, 'pagination.full-last-page')).toMatchObject({
        scope: 'limit=50 order=desc (last page exactly full)',
        detail: 'the last page is exactly full (50 of 250 jobs) but says has_more: true',
      });
    } finally {
      await broken.close();
    }
  });

  test('a cursor that skips jobs sharing a timestamp is explained as a skip at a tie', async () => {
    const broken = await startBrokenServer('ties-cursor-skips');
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      expect(failed(report, 'pagination.ties')!.detail).toMatch(/^after video_\S+ \(created_at \d+, shared with the next job\) the cursor skipped \d+ job\(s\) to video_\S+; expected video_/);
      expect(failed(report, 'pagination.same-sequence')!.detail).toMatch(/skips \d job\(s\) .* \(video_\S+ shares created_at \d+ with video_\S+ before it: equal timestamps must keep one stable order\)/);
      expect(failed(report, 'pagination.same-jobs')!.request).toMatch(/after=video_/);
    } finally {
      await broken.close();
    }
  });

  test('a cursor at the last job of a tied group that restarts the group is caught by a probe at that last job', async () => {
    const broken = await startBrokenServer('ties-cursor-restarts-group');
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      const ties = failed(report, 'pagination.ties')!;
      expect(ties.detail).toMatch(/^after (video_\S+) \(created_at \d+, the last of 3 jobs sharing it\) the cursor went back to video_\S+, repeating 3 job\(s\); expected video_\S+$/);
      expect(decodeURIComponent(ties.request!)).toContain(`after=${/^after (\S+)/.exec(ties.detail)![1]}`);
    } finally {
      await broken.close();
    }
  });

  test('the checks of a walk whose first page failed are skipped as "the walk did not complete", never passed', async () => {
    const broken = await startBrokenServer('large-page-500');
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      for (const order of ['desc', 'asc']) {
        const scoped = report.checks.filter((c) => c.scope === `limit=100 order=${order}`);
        expect(scoped.find((c) => c.name === 'pagination.walk')).toMatchObject({ status: 'failed', detail: 'page 1 answered 500 instead of a list' });
        const dependent = scoped.filter((c) => ['pagination.no-duplicates', 'pagination.order', 'pagination.first-last-ids', 'pagination.limit', 'pagination.has-more'].includes(c.name));
        expect(dependent).toHaveLength(5);
        for (const check of dependent) expect(check).toMatchObject({ status: 'skipped', detail: 'the walk did not complete: page 1 answered 500 instead of a list' });
      }
      // The walks that did complete are still judged.
      expect(report.checks.find((c) => c.name === 'pagination.no-duplicates' && c.scope === 'limit=20 order=desc')).toMatchObject({ status: 'passed', detail: '30 distinct jobs' });
    } finally {
      await broken.close();
    }
  });
});
