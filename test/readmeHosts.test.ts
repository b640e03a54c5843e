import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readmeBlock } from './package/readmeBlocks.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A folder laid out as a user's app, with this checkout installed as `video-jobs-mock` (its
 * package exports, its dist/) beside the msw, jest and vitest it uses, holding `files`.
 */
function appWith(files: Record<string, string>): string {
  const app = mkdtempSync(join(tmpdir(), 'vjm-readme-hosts-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules', 'video-jobs-mock'));
  for (const name of ['msw', 'vitest']) symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);
  return app;
}

describe('the README’s three ways to host the mock, run as written', () => {
  test('the fetch handler snippet creates a job, advances the clock and prints what its comments say', async () => {
    const snippet = readmeBlock('js', '// fetch-handler.mjs');
    const app = appWith({ 'fetch-handler.mjs': snippet });
    const { stdout } = await exec(process.execPath, ['fetch-handler.mjs'], { cwd: app });
    const printed = [...snippet.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    expect(stdout.trim().split('\n')).toEqual(printed);
    expect(printed).toEqual(['queued', 'completed 100']);
  });

  test('the jest snippet passes under jest (ESM), with the README’s jest config', async () => {
    const app = appWith({ 'jest.config.js': readmeBlock('js', 'testEnvironment'), 'videos.msw.test.js': readmeBlock('js', '// videos.msw.test.js') });
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    const { stderr } = await exec(process.execPath, ['--experimental-vm-modules', '--no-warnings', jest, '--ci'], { cwd: app });
    expect(stderr).toContain('a new video is ready a minute later');
    expect(stderr).toMatch(/Tests:\s+1 passed, 1 total/);
  }, 60_000);

  test('the vitest snippet type-checks and passes under `vitest run`', async () => {
    const app = appWith({
      'videos.test.ts': readmeBlock('ts', "import { setupServer } from 'msw/node'"),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [] },
        files: ['videos.test.ts'],
      }),
    });
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app });
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await exec(process.execPath, [vitest, 'run', '--reporter', 'verbose'], { cwd: app, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    expect(stdout).toContain('the app survives one rate limit');
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
  }, 90_000);

  test('the browser snippet type-checks against msw/browser (test/browser/mswWorker.test.ts runs it in Chromium)', async () => {
    const app = appWith({
      'mocks.ts': readmeBlock('ts', "from 'msw/browser'"),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'ESNext', moduleResolution: 'Bundler', types: [] },
        files: ['mocks.ts'],
      }),
    });
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app });
  }, 60_000);
});
