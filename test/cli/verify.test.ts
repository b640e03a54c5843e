import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../src/startServer.js';
import { startBrokenServer } from '../fixtures/brokenServers.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vjm-verify-'));

/** Async, so the in-process servers keep answering while the CLI runs. */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

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
    expect(stderr).toContain('crawling limit=20 order=desc...');
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

  test.each([
    [['verify'], /required option '--base-url <url>' not specified/],
    [['verify', '--base-url', 'ftp://x'], /--base-url.*expected an http\(s\) URL/],
    [['verify', '--base-url', 'http://127.0.0.1:9', '--max-pages', '1'], /cannot reach the server/],
  ])('%j: one clear line, exit 1', async (args, message) => {
    const { status, stderr } = await run(args);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(message);
  });
});
