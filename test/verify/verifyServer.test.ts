import { startServer, type RunningServer } from '../../src/startServer.js';
import type { VerifyReport } from '../../src/verify/CheckResult.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { startBrokenServer, type Breakage } from '../fixtures/brokenServers.js';

const failedNames = (report: VerifyReport) => [...new Set(report.checks.filter((c) => c.status === 'failed').map((c) => c.name))];

describe('verifyServer', () => {
  let mock: RunningServer;
  beforeAll(async () => {
    mock = await startServer({ port: 0, jobs: 60, log: () => {} });
  });
  afterAll(() => mock.close());

  test('our own mock passes every check, none skipped', async () => {
    const report = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify' });
    expect(failedNames(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.filter((c) => c.status === 'skipped')).toEqual([]);
    const names = new Set(report.checks.map((c) => c.name));
    for (const name of [
      'schema',
      'pagination.no-duplicates',
      'pagination.order',
      'pagination.first-last-ids',
      'pagination.has-more',
      'pagination.same-jobs',
      'cursor.provider-suffix',
      'errors.missing-provider',
      'errors.limit-not-integer',
      'errors.limit-out-of-range',
      'errors.unknown-cursor',
      'errors.no-auth',
    ]) {
      expect(names).toContain(name);
    }
  });

  test('a base URL with a path prefix is crawled under that prefix', async () => {
    const prefixed = await startBrokenServer('none', 30, '/gateway');
    try {
      const report = await verifyServer({ baseUrl: `${prefixed.url}/gateway`, token: 'sk-bf-verify' });
      expect(failedNames(report)).toEqual([]);
      const atRoot = await verifyServer({ baseUrl: prefixed.url, token: 'sk-bf-verify', maxPages: 1 });
      expect(atRoot.passed).toBe(false);
    } finally {
      await prefixed.close();
    }
  });

  test('an error naming the wrong parameter fails its check', async () => {
    // gemini cannot list, so every request about it is refused as unsupported_operation,
    // naming "provider": right status, wrong param for the cursor and limit checks.
    const report = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify', provider: 'gemini', maxPages: 1 });
    const cursor = report.checks.find((c) => c.name === 'errors.unknown-cursor')!;
    expect(cursor).toMatchObject({ status: 'failed', detail: 'the error names param "provider", expected "after"' });
  });

  test('an error that names no parameter is fine (param is optional in the spec)', async () => {
    const broken = await startBrokenServer('error-without-param');
    try {
      const report = await verifyServer({ baseUrl: broken.url, token: 'sk-bf-verify' });
      expect(failedNames(report)).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  test('walks stopped by --max-pages are skipped, not passed or failed', async () => {
    const report = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify', maxPages: 2 });
    expect(report.passed).toBe(true);
    const walks = report.checks.filter((c) => c.name === 'pagination.walk');
    expect(walks.filter((c) => c.status === 'skipped').length).toBeGreaterThan(0);
    expect(report.requests).toBeLessThan(40);
  });

  test.each<[Breakage, string]>([
    ['duplicate-across-pages', 'pagination.no-duplicates'],
    ['wrong-last-id', 'pagination.first-last-ids'],
    ['has-more-always-true', 'pagination.has-more'],
    ['missing-required-field', 'schema'],
    ['error-with-wrong-shape', 'errors.missing-provider'],
    ['broken-empty-page', 'schema'],
  ])('a server with %s fails, naming %s and the request that showed it', async (breakage, check) => {
    const broken = await startBrokenServer(breakage);
    try {
      const report = await verifyServer({ baseUrl: broken.url, token: 'sk-bf-verify' });
      expect(report.passed).toBe(false);
      expect(failedNames(report)).toContain(check);
      const failure = report.checks.find((c) => c.name === check && c.status === 'failed')!;
      expect(failure.request).toMatch(new RegExp(`^${broken.url}/v1/videos`));
      expect(failure.detail.length).toBeGreaterThan(10);
    } finally {
      await broken.close();
    }
  });
});
