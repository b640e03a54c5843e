import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './support/http.js';

const exec = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(); // the defaults `npm start` uses
});
afterAll(() => server.close());

describe('the README quick start', () => {
  test('its curl example runs and returns the jobs it shows', async () => {
    const block = /```sh\n(curl [^`]*?127\.0\.0\.1:8080\/v1\/videos[^`]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const command = block!.replace(/\\\n\s*/g, ' ').replace('http://127.0.0.1:8080', server.url).trim();
    const { stdout } = await exec('sh', ['-c', command]);
    const page = JSON.parse(stdout) as { data: { id: string; prompt: string }[]; last_id: string };
    const shown = /"id": "(video_[^"]+)"[\s\S]*?"prompt": "([^"]+)"[\s\S]*?"last_id": "(video_[^"]+)"/.exec(readme);
    expect(shown).not.toBeNull();
    expect(page.data[0]!.id).toBe(shown![1]);
    expect(page.data[0]!.prompt).toBe(shown![2]);
    expect(page.last_id).toBe(shown![3]);
  });

  test('every flag the README documents is one the CLI knows', async () => {
    const { stdout } = await exec(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, '--help']);
    // The verify section documents the verify command's flags; the test below checks those.
    const verifyAt = readme.indexOf('## Contract tests in CI');
    const outside = readme.slice(0, verifyAt) + readme.slice(readme.indexOf('\n## ', verifyAt + 1));
    const documented = [...outside.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(8);
    for (const flag of documented) expect(stdout).toContain(flag);
  });

  test('every verify flag the README documents is one verify knows', async () => {
    const { stdout } = await exec(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, 'verify', '--help']);
    const verifyAt = readme.indexOf('## Contract tests in CI');
    const section = readme.slice(verifyAt, readme.indexOf('\n## ', verifyAt + 1));
    const documented = [...section.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(15);
    for (const flag of documented) expect(stdout).toContain(flag);
  });
});
