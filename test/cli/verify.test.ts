import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/hosts/express/startServer.js';
import { verifyDefaults } from '../../src/verify/verifyDefaults.js';
import { startBrokenServer } from '../fixtures/brokenServers.js';
import { runCli } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'vjm-verify-'));

const run = runCli;

describe('video-jobs-mock verify', () => {
  let mock: RunningServer;
  beforeAll(async () => {
    mock = await startServer({ port: 0, jobs: 40, log: () => {} });
  });
  afterAll(() => mock.close());

  test('against the mock: one PASS line per check, the coverage table, progress on stderr, a summary, exit 0', async () => {
    const { status, stdout, stderr } = await run(['verify', '--base-url', mock.url]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`verify ${mock.url} (provider openai)`);
    // The issue added the coverage table between the checks and the summary.
    const table = lines.indexOf('coverage (each operation, the statuses the spec declares for it, seen or not):');
    expect(table).toBeGreaterThan(1);
    expect(lines.slice(1, table).every((line) => line.startsWith('PASS '))).toBe(true);
    expect(lines.slice(table + 1, -1)).toEqual([
      '  listVideos GET /v1/videos: seen 200 400 401; not seen 402 403 404 429 500 502 503 504',
      '  createVideo POST /v1/videos: seen none; not seen 200 400 401 402 403 404 413 429 500 502 503 504',
      '  retrieveVideo GET /v1/videos/{video_id}: seen 200 400 401 404; not seen 402 403 429 500 502 503 504',
      '  deleteVideo DELETE /v1/videos/{video_id}: seen none; not seen 200 400 401 402 403 404 429 500 502 503 504',
      '  remixVideo POST /v1/videos/{video_id}/remix: seen none; not seen 200 400 401 402 403 404 413 429 500 502 503 504',
      '  downloadVideoContent GET /v1/videos/{video_id}/content: seen 200 206 400 401 416; not seen 402 403 404 429 500 502 503 504',
    ]);
    expect(lines[lines.length - 1]).toMatch(/^\d+ checks: \d+ passed, 0 failed, 0 skipped \(\d+ requests\)$/);
    expect(stderr).toContain('crawling limit=20 order=desc...\n');
  });

  test('against a broken server: FAIL lines with the request, exit 1', async () => {
    const broken = await startBrokenServer('wrong-last-id');
    try {
      const { status, stdout } = await run(['verify', '--base-url', broken.url, '--max-pages', '20']);
      expect(status).toBe(1);
      expect(stdout).toMatch(/^FAIL pagination\.first-last-ids \[limit=\d+ order=\w+\]: last_id is video_/m);
      expect(stdout).toMatch(new RegExp(`^     request: GET ${broken.url}/v1/videos\\?`, 'm'));
    } finally {
      await broken.close();
    }
  });

  test('--reporter junit --output writes JUnit XML with one testcase per check', async () => {
    const output = join(dir, 'verify.xml');
    const { status, stdout } = await run(['verify', '--base-url', mock.url, '--reporter', 'junit', '--output', output]);
    expect(status).toBe(0);
    expect(stdout).toContain(`report written to ${output}`);
    const xml = readFileSync(output, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="video-jobs-mock verify" tests="(\d+)" failures="0"/);
    const tests = Number(/tests="(\d+)"/.exec(xml)![1]);
    expect(xml.match(/<testcase /g)).toHaveLength(tests);
  });

  test('several reporters in one run: text on stdout, JUnit with times and JSON in files', async () => {
    const xml = join(dir, 'multi.xml');
    const json = join(dir, 'multi.json');
    const { status, stdout } = await run(['verify', '--base-url', mock.url, '--limits', '20,7', '--reporter', 'text', '--reporter', `junit:${xml}`, '--reporter', `json:${json}`]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^PASS pagination\.walk \[limit=20 order=desc\]/m);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { passed: boolean; checks: { name: string; durationMs?: number }[]; requests: number };
    expect(report.passed).toBe(true);
    const junit = readFileSync(xml, 'utf8');
    expect(junit).toMatch(/<testsuites name="video-jobs-mock verify" tests="\d+" failures="0" errors="0" skipped="0" time="\d+\.\d{3}">/);
    const times = [...junit.matchAll(/<testcase [^>]*time="(\d+\.\d{3})"/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(report.checks.length);
    expect(times.some((time) => time > 0)).toBe(true);
  });

  test('with every report in files, the failures are still named on stdout', async () => {
    const broken = await startBrokenServer('limit-zero-500');
    try {
      const xml = join(dir, 'broken.xml');
      const { status, stdout } = await run(['verify', '--base-url', broken.url, '--reporter', `junit:${xml}`]);
      expect(status).toBe(1);
      expect(stdout).toMatch(/^FAIL errors\.limit-out-of-range \[limit below its minimum 1\]: answered 500, expected 400$/m);
      expect(stdout).toContain(`     request: GET ${broken.url}/v1/videos?provider=openai&limit=0`);
      expect(stdout).toContain(`junit report written to ${xml}`);
      expect(readFileSync(xml, 'utf8')).toContain('<failure message="answered 500, expected 400">');
    } finally {
      await broken.close();
    }
  });

  test('a run where every walk was skipped says nothing was verified and exits 1', async () => {
    const { status, stdout } = await run(['verify', '--base-url', mock.url, '--limits', '7', '--max-pages', '2']);
    expect(status).toBe(1);
    expect(stdout).toMatch(/0 failed, \d+ skipped .*\nnothing was verified: no walk reached the end of the list/);
  });

  test('--strict fails a run with skipped checks that passes without it', async () => {
    const args = ['verify', '--base-url', mock.url, '--limits', '100,7', '--max-pages', '3'];
    expect((await run(args)).status).toBe(0);
    const strict = await run([...args, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/--strict: \d+ skipped check\(s\) fail the run/);
  });

  test('errors naming no parameter are WARN lines in every report, exit 0; --strict makes them fail; --allow-missing-param is still accepted', async () => {
    const lenient = await startBrokenServer('error-without-param');
    try {
      const xml = join(dir, 'warned.xml');
      const json = join(dir, 'warned.json');
      const args = ['verify', '--base-url', lenient.url, '--limits', '15,7'];
      const { status, stdout } = await run([...args, '--reporter', 'text', '--reporter', `junit:${xml}`, '--reporter', `json:${json}`]);
      expect(status).toBe(0);
      expect(stdout).toMatch(/^WARN errors\.limit-not-integer \[limit of the wrong type\]: the 400 names no parameter \(error\.param is absent\), expected "limit": the contract allows it, but a client cannot tell what to fix\n {5}request: GET http:\S+limit=ten$/m);
      expect(stdout).toMatch(/\d+ checks: \d+ passed, 0 failed, \d+ warning\(s\), 0 skipped \(\d+ requests\)\n$/);
      const junit = readFileSync(xml, 'utf8');
      expect(junit).toMatch(/<testcase classname="video-jobs-mock\.verify" name="errors\.limit-not-integer \[limit of the wrong type\]" time="[\d.]+"><system-out>WARNING: the 400 names no parameter/);
      expect(junit).toMatch(/failures="0"/);
      expect(junit).toMatch(/<property name="warnings" value="[1-9]\d*"\/>/);
      const report = JSON.parse(readFileSync(json, 'utf8')) as { checks: { name: string; status: string }[] };
      expect(report.checks.find((c) => c.name === 'errors.limit-not-integer')!.status).toBe('warning');

      const strict = await run([...args, '--strict', '--reporter', `junit:${xml}`]);
      expect(strict.status).toBe(1);
      expect(strict.stdout).toMatch(/^WARN errors\.limit-not-integer/m);
      expect(strict.stdout).toMatch(/\n--strict: \d+ warning\(s\) fail the run\n/);
      expect(strict.stdout).toMatch(/verify failed: --strict: \d+ warning\(s\) fail the run\n$/);
      expect(readFileSync(xml, 'utf8')).toMatch(/<testcase classname="video-jobs-mock\.verify" name="verdict" time="0\.000"><failure message="--strict: \d+ warning\(s\) fail the run">/);

      const old = await run([...args, '--allow-missing-param']);
      expect(old.status).toBe(0);
      expect(old.stdout).toMatch(/^WARN errors\.limit-not-integer/m);
    } finally {
      await lenient.close();
    }
  });

  test('the coverage table is in the JSON and JUnit reports: each operation, each declared status, exercised or not', async () => {
    const xml = join(dir, 'coverage.xml');
    const json = join(dir, 'coverage.json');
    const { status } = await run(['verify', '--base-url', mock.url, '--limits', '20', '--reporter', `junit:${xml}`, '--reporter', `json:${json}`]);
    expect(status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { coverage: { operationId: string; method: string; path: string; statuses: { status: string; exercised: boolean }[] }[] };
    expect(report.coverage.map((row) => row.operationId)).toEqual(['listVideos', 'createVideo', 'retrieveVideo', 'deleteVideo', 'remixVideo', 'downloadVideoContent']);
    const content = report.coverage.find((row) => row.operationId === 'downloadVideoContent')!;
    expect(content).toMatchObject({ method: 'GET', path: '/v1/videos/{video_id}/content' });
    expect(content.statuses.filter((s) => s.exercised).map((s) => s.status)).toEqual(['200', '206', '400', '401', '416']);
    expect(content.statuses.find((s) => s.status === '503')).toEqual({ status: '503', exercised: false });
    const junit = readFileSync(xml, 'utf8');
    expect(junit).toContain('<property name="coverage downloadVideoContent 206" value="exercised"/>');
    expect(junit).toContain('<property name="coverage createVideo 200" value="not exercised"/>');
  });

  test('--header sends the key as x-bf-vk instead of the token', async () => {
    const keyed = await startServer({ port: 0, jobs: 20, keys: ['sk-bf-only-this'], log: () => {} });
    try {
      const args = ['verify', '--base-url', keyed.url, '--limits', '20,7'];
      const without = await run(args);
      expect(without.status).toBe(1);
      expect(without.stdout).toMatch(/^FAIL pagination\.walk .*answered 401/m);
      const withHeader = await run([...args, '--header', 'x-bf-vk: sk-bf-only-this']);
      expect(withHeader.stdout).toMatch(/0 failed, 0 skipped/);
      expect(withHeader.status).toBe(0);
    } finally {
      await keyed.close();
    }
  });

  test('--lifecycle warns on stderr that it creates jobs, and runs the lifecycle with a job of the size and duration asked for', async () => {
    const server = await startBrokenServer('none');
    try {
      const { status, stdout, stderr } = await run(['verify', '--base-url', server.url, '--limits', '15', '--lifecycle', '--lifecycle-seconds', '12', '--lifecycle-size', '720x1280']);
      expect(stderr.split('\n')[0]).toBe(`warning: --lifecycle creates jobs on ${server.url} (and deletes them at the end)`);
      expect(stdout).toMatch(/^PASS lifecycle\.create \[openai\/sora-2, 720x1280, 12 s\]: created video_\w+:openai \(queued\)$/m);
      expect(stdout).toMatch(/^PASS content\.video \[created job video_\w+:openai \(720x1280, 12 s\)\]: \d+ bytes of video\/mp4: 720x1280, 12 s$/m);
      expect(status).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("verify's flag defaults are verifyServer's (verifyDefaults)", async () => {
    const { stdout } = await run(['verify', '--help']);
    // One entry per option: its flag, description and default, wrapped lines joined.
    const entries = stdout.split(/\n(?= {2}-)/).map((entry) => entry.replace(/\s+/g, ' ').trim());
    const d = verifyDefaults;
    for (const [flag, value] of [
      ['--provider <name>', `"${d.provider}"`],
      ['--max-pages <n>', d.maxPages],
      ['--timeout <ms>', d.timeoutMs],
      ['--retries <n>', d.retries],
      ['--concurrency <n>', d.concurrency],
      ['--cannot-list-provider <name>', `"${d.cannotListProvider}"`],
      ['--lifecycle-timeout <ms>', d.lifecycleTimeoutMs],
      ['--token <key>', `"${d.token}"`],
    ] as const) {
      expect(entries.find((entry) => entry.startsWith(flag))).toMatch(new RegExp(`\\(default: ${value}\\)$`));
    }
    expect(entries.find((entry) => entry.startsWith('--limits'))).toContain(`(default ${d.limits.join(',')})`);
    expect(entries.find((entry) => entry.startsWith('--allow-missing-param'))).toBe('--allow-missing-param no effect, kept for old configs: an error without error.param is now a warning (it fails the run only with --strict)');
    expect(entries.find((entry) => entry.startsWith('--strict'))).toMatch(/skipped checks and warnings fail the run/);
  });

  test('--version prints the package version', async () => {
    const { status, stdout } = await run(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  });

  test.each([
    [['verify'], /required option '--base-url <url>' not specified/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--reporter', 'xml'], /--reporter.*expected text, junit or json/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--header', 'no colon'], /--header.*expected "Name: value"/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--limits', '1,2,3,4,5,6,7,8,9,10,11'], /--limits.*at most 10 page sizes/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--reporter', 'text', '--reporter', 'json'], /only one --reporter can write to stdout/],
    [['verify', '--base-url', 'ftp://x'], /--base-url.*expected an http\(s\) URL/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--max-pages', '1'], /cannot reach the server/],
  ])('%j: one clear line, exit 1', async (args, message) => {
    const { status, stderr } = await run(args);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(message);
  });
});
