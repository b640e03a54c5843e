import type { VerifyReport } from '../../src/verify/CheckResult.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { lifecycleBreakages, startLifecycleServer, type LifecycleBreakage } from '../fixtures/lifecycleServer.js';

/** For each deliberate bug of the job API, the check that must catch it. */
const caughtBy: Record<Exclude<LifecycleBreakage, 'none'>, string> = {
  'seconds-ignored': 'content.video',
  'encoded-id-not-decoded': 'retrieve.encoded-id',
  'range-ignored': 'content.range',
  'queued-to-completed': 'lifecycle.status',
  'deleted-job-listed': 'lifecycle.unlisted',
  'thumbnail-wrong-size': 'content.thumbnail',
  'delete-keeps-job': 'lifecycle.delete',
  'remix-without-source': 'lifecycle.remix',
  'content-before-completed': 'content.not-ready',
  'created-job-listed-last': 'lifecycle.listed-first',
  'invalid-key-accepted': 'auth.invalid-key',
  'no-allow-header': 'methods.no-route',
  'create-ignores-size-pattern': 'requests.size-pattern',
  'progress-falls': 'lifecycle.status',
  'unsatisfiable-range-200': 'content.range-unsatisfiable',
  'content-wrong-type': 'content.video',
  'poll-header-not-integer': 'retrieve.job',
};

const failed = (report: VerifyReport, name: string) => report.checks.filter((c) => c.name === name && c.status === 'failed');
const run = (url: string) => verifyServer({ baseUrl: url, limits: [15], lifecycle: true, lifecyclePollMs: 1 });

describe('verify --lifecycle catches every class of lifecycle bug', () => {
  test('the table covers every switchable bug of the lifecycle fixture', () => {
    expect(Object.keys(caughtBy).sort()).toEqual([...lifecycleBreakages].sort());
  });

  test.each(Object.entries(caughtBy))('a server with %s fails %s, naming the request to replay', async (bug, check) => {
    const server = await startLifecycleServer(bug as LifecycleBreakage);
    try {
      const report = await run(server.url);
      expect(report.passed).toBe(false);
      const failures = failed(report, check);
      expect(failures.length).toBeGreaterThan(0);
      if (check.startsWith('content.range')) expect(failures[0]!.request).toMatch(/ range: bytes=\d+-(\d+)?$/);
      for (const failure of failures) {
        expect(failure.request).toMatch(new RegExp(`^(GET|POST|PUT|PATCH|DELETE) ${server.url}/v1/videos`));
        expect(failure.detail.length).toBeGreaterThan(10);
      }
    } finally {
      await server.close();
    }
  });

  test.each([
    ['seconds-ignored', 'content.video', /^the MP4 lasts 4 s, the job asked for 8 s$/],
    ['encoded-id-not-decoded', 'retrieve.encoded-id', /^answered 404, expected 200: Video with id 'video_\w+:openai' not found\.$/],
    ['range-ignored', 'content.range', /^Range: bytes=0-99 answered 200 with \d+ bytes \(the whole file\), expected 206$/],
    ['queued-to-completed', 'lifecycle.status', /^status jumped from queued to completed: the job was never seen in_progress \(seen: queued\(0\) → completed\(100\)\)$/],
    ['deleted-job-listed', 'lifecycle.unlisted', /^the deleted job is still listed, at position \d+$/],
    ['thumbnail-wrong-size', 'content.thumbnail', /^the webp is 720x1280, the job's size is 1280x720$/],
    ['content-wrong-type', 'content.video', /^content type application\/octet-stream is not declared for 200 \(declared: video\/mp4, image\/webp, image\/jpeg\)$/],
    ['poll-header-not-integer', 'retrieve.job', /^header openai-poll-after-ms: "soon" does not match its schema \{"type":"integer"\}$/],
  ])('the bug %s is explained by %s', async (bug, check, detail) => {
    const server = await startLifecycleServer(bug as LifecycleBreakage);
    try {
      const report = await run(server.url);
      expect(failed(report, check).map((c) => c.detail)).toContainEqual(expect.stringMatching(detail));
    } finally {
      await server.close();
    }
  });

  test('a forbidden create that a server wrongly accepts is a failure naming the body, and its job is still deleted at the end', async () => {
    const server = await startLifecycleServer('create-ignores-size-pattern');
    try {
      const report = await run(server.url);
      const [failure] = failed(report, 'requests.size-pattern');
      expect(failure).toMatchObject({ scope: 'createVideo (application/json): size not matching ^[0-9]+x[0-9]+$ ("verify")' });
      expect(failure!.detail).toMatch(/^answered 200, expected a 4xx/);
      expect(failure!.request).toContain('JSON {"prompt":');
      expect(report.checks.find((c) => c.name === 'lifecycle.cleanup')).toMatchObject({ status: 'passed' });
      expect(await listedCount(server.url)).toBe(30);
    } finally {
      await server.close();
    }
  });
});

/** The jobs the fixture lists now: its 30 seeded ones once verify has cleaned up. */
async function listedCount(url: string): Promise<number> {
  const answer = await fetch(`${url}/v1/videos?provider=openai&limit=100`, { headers: { authorization: 'Bearer sk-bf-test' } });
  return ((await answer.json()) as { data: unknown[] }).data.length;
}
