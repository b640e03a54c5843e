import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The jsdom story of jestJsdom.test.ts, under vitest 3 in video-jobs-mock/vitest-environment-jsdom. */
describe('MSW handlers in vitest’s jsdom', () => {
  test('`vitest run` passes the jsdom story (openai client with a file upload, polling, content, a DOM component)', async () => {
    const { stdout } = await exec(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/hosts/jsdom/vitest/vitest.config.ts', '--reporter', 'verbose'], {
      cwd: root,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    expect(stdout).toContain('the test runs in jsdom, with a window and a document');
    expect(stdout).toContain('an uploaded file reaches the mock');
    expect(stdout).toContain('a component renders the jobs it fetched into document.body');
    expect(stdout).toMatch(/Tests\s+5 passed \(5\)/);
  }, 90_000);
});
