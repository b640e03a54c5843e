import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrokenServer } from '../fixtures/brokenServers.js';
import { writeSpecVariant } from '../support/specVariant.js';
import { runCli } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'vjm-verify-usage-'));
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Nothing listens here: a run that sent a request would end with "cannot reach the server". */
const unreachable = 'http://127.0.0.1:9';

const run = runCli;

describe('verify usage: version, help, limits and report files', () => {
  test('verify --version prints the version and exits 0, without --base-url', async () => {
    const { status, stdout, stderr } = await run(['verify', '--version']);
    expect(stderr).toBe('');
    expect(stdout.trim()).toBe(version);
    expect(status).toBe(0);
  });

  test('verify --help prints the usage and exits 0, without --base-url', async () => {
    const { status, stdout } = await run(['verify', '--help']);
    expect(stdout).toMatch(/^Usage: video-jobs-mock verify \[options\]/);
    expect(status).toBe(0);
  });

  test("--limits outside the spec's limit range is refused in one line naming the flag and the range, before any request", async () => {
    const spec = writeSpecVariant('cli-limit-max-50', (doc) => {
      const list = doc.paths['/v1/videos']!['get'] as { parameters: { name: string; schema: Record<string, unknown> }[] };
      list.parameters.find((p) => p.name === 'limit')!.schema['maximum'] = 50;
    });
    const { status, stdout, stderr } = await run(['verify', '--base-url', unreachable, '--spec', spec, '--limits', '20,100']);
    expect(stderr).toBe(`video-jobs-mock: error: --limits 100 is outside the range the spec allows for limit, 1 to 50 (${spec})\n`);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });

  test('a lifecycle job the spec refuses (--lifecycle-seconds eight) stops the run before any request, naming the flag', async () => {
    const { status, stdout, stderr } = await run(['verify', '--base-url', unreachable, '--lifecycle', '--lifecycle-seconds', 'eight']);
    expect(stderr).toMatch(/\nvideo-jobs-mock: error: --lifecycle-seconds "eight" must match pattern "\^\[0-9\]\+\$" \(the seconds of createVideo in \S+openapi\.yaml\)\n$/);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });

  test('a report file that cannot be written stops the run before any request, naming the reporter and the path', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const { status, stdout, stderr } = await run(['verify', '--base-url', unreachable, '--reporter', 'text', '--reporter', `junit:${file}/reports/verify.xml`]);
    expect(stderr).toMatch(new RegExp(`^video-jobs-mock: error: --reporter junit:${file}/reports/verify\\.xml: cannot create the directory ${file}/reports \\(ENOTDIR\\)\\n$`));
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });

  test('a report path that is a directory is refused up front too', async () => {
    const { status, stderr } = await run(['verify', '--base-url', unreachable, '--reporter', 'json', '--output', dir]);
    expect(stderr).toBe(`video-jobs-mock: error: --output ${dir}: the json report cannot be written there, it is a directory\n`);
    expect(status).toBe(1);
  });

  test("a report file's missing parent directories are created, as jest-junit and pytest do", async () => {
    const server = await startBrokenServer('none');
    try {
      const xml = join(dir, 'new', 'nested', 'verify.xml');
      const { status } = await run(['verify', '--base-url', server.url, '--limits', '15', '--reporter', `junit:${xml}`]);
      expect(status).toBe(0);
      expect(readFileSync(xml, 'utf8')).toMatch(/^<\?xml /);
    } finally {
      await server.close();
    }
  });

  test('a report that still cannot be written at the end: the summary and verdict on stdout, one line naming the file, exit 1', async () => {
    const server = await startBrokenServer('none');
    const reports = join(dir, 'removed-during-the-run');
    mkdirSync(reports);
    // A proxy to the correct server that removes the report folder at the first request. It
    // passes on the method and the headers verify's checks read (Range, Allow, Content-Range).
    const proxy = createServer((req, res) => {
      rmSync(reports, { recursive: true, force: true });
      const headers = Object.fromEntries(['authorization', 'range'].filter((name) => req.headers[name]).map((name) => [name, String(req.headers[name])]));
      void fetch(`${server.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }).then(async (answer) => {
        const passed = Object.fromEntries(['allow', 'content-range'].filter((name) => answer.headers.has(name)).map((name) => [name, answer.headers.get(name)!]));
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', ...passed });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const json = join(reports, 'verify.json');
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const { status, stdout, stderr } = await run(['verify', '--base-url', url, '--limits', '15', '--reporter', `json:${json}`]);
      expect(existsSync(reports)).toBe(false);
      expect(stdout).toMatch(/^\d+ checks: \d+ passed, 0 failed, \d+ skipped \(\d+ requests\)\nverify passed\n$/);
      expect(stderr).toContain(`video-jobs-mock: error: could not write the json report to ${json} (ENOENT)\n`);
      expect(stderr).not.toContain('unexpected error');
      expect(status).toBe(1);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
    }
  });
});
