import { startServer, type RunningServer } from '../../src/hosts/express/startServer.js';
import type { VerifyReport } from '../../src/verify/CheckResult.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { startBrokenServer } from '../fixtures/brokenServers.js';

const failedNames = (report: VerifyReport) => [...new Set(report.checks.filter((c) => c.status === 'failed').map((c) => c.name))];

describe('verifyServer', () => {
  let mock: RunningServer;
  beforeAll(async () => {
    mock = await startServer({ port: 0, jobs: 60, log: () => {} });
  });
  afterAll(() => mock.close());

  test('our own mock passes every check, none skipped, no warning, and writes nothing without lifecycle', async () => {
    const report = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify' });
    expect(failedNames(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.filter((c) => c.status === 'skipped' || c.status === 'warning')).toEqual([]);
    const written = report.coverage.filter((row) => ['createVideo', 'remixVideo', 'deleteVideo'].includes(row.operationId));
    expect(written.flatMap((row) => row.statuses.filter((s) => s.exercised))).toEqual([]);
    const names = new Set(report.checks.map((c) => c.name));
    for (const name of [
      'schema',
      'pagination.no-duplicates',
      'pagination.order',
      'pagination.first-last-ids',
      'pagination.has-more',
      'pagination.same-jobs',
      'pagination.same-sequence',
      'pagination.asc-reverses-desc',
      'pagination.full-last-page',
      'pagination.ties',
      'ids.provider-suffix',
      'defaults.limit',
      'defaults.order',
      'cursor.provider-suffix',
      'errors.missing-provider',
      'errors.limit-not-integer',
      'errors.limit-out-of-range',
      'errors.order-not-in-enum',
      'errors.limit-repeated',
      'errors.unknown-provider',
      'errors.provider-cannot-list',
      'errors.unknown-cursor',
      'errors.foreign-cursor',
      'errors.no-auth',
      'retrieve.job',
      'retrieve.encoded-id',
      'retrieve.unknown-id',
      'content.video',
      'content.thumbnail',
      'content.spritesheet',
      'content.range',
      'content.range-unsatisfiable',
      'content.not-ready',
      'requests.video_id-pattern',
      'requests.variant-not-in-enum',
      'requests.variant-repeated',
      'auth.missing-key',
      'auth.invalid-key',
      'methods.no-route',
    ]) {
      expect(names).toContain(name);
    }
  });

  test('the correct hand-written fixture server passes everything, ties included, none skipped', async () => {
    const server = await startBrokenServer('none');
    try {
      const report = await verifyServer({ baseUrl: server.url, lifecycle: true, strict: true });
      expect(failedNames(report)).toEqual([]);
      expect(report.checks.filter((c) => c.status === 'skipped')).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.checks.find((c) => c.name === 'pagination.ties')!.detail).toMatch(/^\d+ cursor\(s\) at jobs sharing a created_at/);
      // 30 jobs: no walked limit divides it, so a walk of 15 is added and ends on a full page.
      expect(report.checks.find((c) => c.name === 'pagination.full-last-page')!.detail).toContain('limit=15 order=desc');
      expect(report.checks.filter((c) => c.name.startsWith('lifecycle.')).map((c) => c.name)).toEqual([
        'lifecycle.create',
        'lifecycle.listed-first',
        'lifecycle.poll',
        'lifecycle.status',
        'lifecycle.remix',
        'lifecycle.delete',
        'lifecycle.unlisted',
        'lifecycle.cleanup',
      ]);
      // The job asked for 8 s at 1280x720 (not the defaults), and its media say so.
      expect(report.checks.find((c) => c.name === 'content.video' && c.scope?.startsWith('created job'))!.detail).toMatch(/: 1280x720, 8 s$/);
      // Every job the run made was deleted: the list is the 30 seeded jobs again.
      const listed = await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: { authorization: 'Bearer sk-bf-verify' } });
      expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(30);
    } finally {
      await server.close();
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

  test('a server whose errors name no parameter passes with warnings, and fails under strict', async () => {
    // The issue deliberately changed this: error.param is optional in the spec (the gateway's own 400s have none).
    const broken = await startBrokenServer('error-without-param');
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      expect(failedNames(report)).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.checks.find((c) => c.name === 'errors.limit-not-integer')).toMatchObject({
        status: 'warning',
        detail: 'the 400 names no parameter (error.param is absent), expected "limit": the contract allows it, but a client cannot tell what to fix',
      });
      expect(report.checks.find((c) => c.name === 'errors.limit-not-integer')!.request).toContain('limit=ten');
      const strict = await verifyServer({ baseUrl: broken.url, strict: true });
      expect(failedNames(strict)).toEqual([]);
      expect(strict.passed).toBe(false);
      // The old option changes nothing now.
      const old = await verifyServer({ baseUrl: broken.url, requireParam: true });
      expect(old.checks.filter((c) => c.status === 'warning').length).toBe(report.checks.filter((c) => c.status === 'warning').length);
    } finally {
      await broken.close();
    }
  });

  test('a server that takes the first value of a repeated parameter, as the gateway does, passes', async () => {
    const lenient = await startBrokenServer('repeated-param-first-value');
    try {
      const report = await verifyServer({ baseUrl: lenient.url, strict: true });
      expect(failedNames(report)).toEqual([]);
      expect(report.passed).toBe(true);
      for (const param of ['provider', 'after', 'limit', 'order']) {
        expect(report.checks.find((c) => c.name === `errors.${param}-repeated`)).toMatchObject({ status: 'passed', detail: expect.stringMatching(/^200, the page of the first value alone \(\d+ jobs\)$/) });
      }
    } finally {
      await lenient.close();
    }
  });

  test('a server that takes the last value of a repeated parameter fails: the page is not the first value\'s', async () => {
    const broken = await startBrokenServer('repeated-param-takes-last');
    try {
      const report = await verifyServer({ baseUrl: broken.url });
      expect(report.checks.find((c) => c.name === 'errors.order-repeated')).toMatchObject({
        status: 'failed',
        scope: 'order given twice (asc, desc)',
        detail: expect.stringMatching(/^answered 200 with another page than the first value alone gives \(first job video_\w+:openai instead of video_\w+:openai\): neither the first value nor a 400$/),
      });
    } finally {
      await broken.close();
    }
  });

  test('walks stopped by --max-pages are skipped, not passed or failed', async () => {
    const report = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify', maxPages: 2 });
    expect(report.passed).toBe(true);
    const walks = report.checks.filter((c) => c.name === 'pagination.walk');
    expect(walks.filter((c) => c.status === 'skipped').length).toBeGreaterThan(0);
    // Bounded by the walks cut short (the checks of other operations send the same requests either way).
    const whole = await verifyServer({ baseUrl: mock.url, token: 'sk-bf-verify' });
    expect(report.requests).toBeLessThan(whole.requests - 15);
  });

  test('a run where every walk was skipped verified nothing and does not pass', async () => {
    const report = await verifyServer({ baseUrl: mock.url, limits: [7], maxPages: 2 });
    expect(failedNames(report)).toEqual([]);
    expect(report.nothingVerified).toBe(true);
    expect(report.passed).toBe(false);
  });

  test('strict: a skipped check fails the run; without it the same run passes', async () => {
    const lenient = await verifyServer({ baseUrl: mock.url, limits: [100, 7], maxPages: 3 });
    expect(lenient.checks.some((c) => c.status === 'skipped')).toBe(true);
    expect(lenient.passed).toBe(true);
    const strict = await verifyServer({ baseUrl: mock.url, limits: [100, 7], maxPages: 3, strict: true });
    expect(failedNames(strict)).toEqual([]);
    expect(strict.passed).toBe(false);
  });

  test('--limits walks exactly the sizes asked for, each in both orders', async () => {
    const report = await verifyServer({ baseUrl: mock.url, limits: [25, 9] });
    expect(report.checks.filter((c) => c.name === 'pagination.walk').map((c) => c.scope)).toEqual([
      'limit=25 order=desc',
      'limit=25 order=asc',
      'limit=9 order=desc',
      'limit=9 order=asc',
      'limit=30 order=desc (last page exactly full)',
      'limit=30 order=asc (last page exactly full)',
    ]);
    expect(report.passed).toBe(true);
  });

  test('a stricter copy of the spec given as specPath judges the same server', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stricter = join(mkdtempSync(join(tmpdir(), 'vjm-spec-')), 'openapi.yaml');
    const spec = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    writeFileSync(stricter, spec.replace('        size:\n          type: string\n', '        size:\n          type: string\n          pattern: "^[0-9]+p$"\n'));
    const report = await verifyServer({ baseUrl: mock.url, limits: [100], specPath: stricter });
    expect(report.specPath).toBe(stricter);
    expect(report.checks.find((c) => c.name === 'schema' && c.status === 'failed')!.detail).toContain('must match pattern');
  });
});

describe('verifyServer against a slow or rate-limited mock', () => {
  test('a 429 with Retry-After is retried after the wait, reported, and the run still passes', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const faultsPath = join(mkdtempSync(join(tmpdir(), 'vjm-faults-')), 'faults.json');
    writeFileSync(faultsPath, JSON.stringify({ rules: [{ name: 'once', match: { nth: 3 }, respond: { preset: 'rate_limited' } }] }));
    const limited = await startServer({ port: 0, jobs: 30, faultsPath, log: () => {} });
    try {
      const report = await verifyServer({ baseUrl: limited.url, limits: [10] });
      expect(report.retries).toEqual([expect.objectContaining({ status: 429, waitedMs: 1000 })]);
      expect(failedNames(report)).toEqual([]);
      expect(report.passed).toBe(true);
    } finally {
      await limited.close();
    }
  });

  test('a server slower than timeoutMs fails its checks with a message naming --timeout', async () => {
    const slow = await startServer({ port: 0, jobs: 10, latency: 400, log: () => {} });
    try {
      const report = await verifyServer({ baseUrl: slow.url, limits: [10], timeoutMs: 100, retries: 0 });
      expect(report.passed).toBe(false);
      const walk = report.checks.find((c) => c.name === 'schema')!;
      expect(walk.detail).toBe('no answer within 100 ms (--timeout)');
      expect(report.checks.find((c) => c.name === 'pagination.walk')!.detail).toBe('page 1 got no answer in time');
    } finally {
      await slow.close();
    }
  });
});
