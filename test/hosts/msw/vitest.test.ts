import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The same openai story as openaiClient.test.ts, under vitest 3 instead of jest. */
describe('MSW handlers under vitest', () => {
  test('`vitest run` passes the openai client story (list, create, poll, download, remix, delete)', async () => {
    const { stdout } = await exec(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/hosts/msw/vitest/vitest.config.ts', '--reporter', 'verbose'], {
      cwd: root,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    expect(stdout).toContain('the client lists every job with auto-pagination, in both orders');
    expect(stdout).toContain('content, remix and delete work');
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  }, 90_000);
});
