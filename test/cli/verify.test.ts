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

  test('against the mock: one PASS line per check, progress on stderr, a summary, exit 0', async () => {
    const { status, stdout, stderr } = await run(['verify', '--base-url', mock.url]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`verify ${mock.url} (provider openai)`);
    expect(lines.slice(1, -1).every((line) => line.startsWith('PASS '))).toBe(true);
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

  test('--lifecycle warns on stderr that it creates a job, and runs the round trip', async () => {
    const server = await startBrokenServer('none');
    try {
      const { status, stdout, stderr } = await run(['verify', '--base-url', server.url, '--limits', '15', '--lifecycle']);
      expect(stderr.split('\n')[0]).toBe(`warning: --lifecycle creates a job on ${server.url} (and deletes it at the end)`);
      expect(stdout).toMatch(/^PASS lifecycle\.content: 64 bytes of video\/mp4$/m);
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
