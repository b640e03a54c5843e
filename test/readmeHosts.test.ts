import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readmeBlock } from './package/readmeBlocks.js';
import { buildBrowserPage } from './support/buildBrowserPage.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A folder laid out as a user's app, with this checkout installed as `video-jobs-mock` (its
 * package exports, its dist/) beside the msw, vitest and jsdom environments it uses, holding
 * `files`.
 */
function appWith(files: Record<string, string>): string {
  const app = mkdtempSync(join(tmpdir(), 'vjm-readme-hosts-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules', 'video-jobs-mock'));
  for (const name of ['msw', 'vitest', 'jsdom', 'jest-environment-jsdom']) symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name));
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
      'videos.test.ts': readmeBlock('ts', 'the app survives one rate limit'),
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

  test('the jsdom jest snippet passes in video-jobs-mock/jest-environment-jsdom, and fails in jest’s own jsdom environment', async () => {
    const snippet = readmeBlock('js', '@jest-environment video-jobs-mock/jest-environment-jsdom');
    const app = appWith({ 'jest.config.js': readmeBlock('js', 'testEnvironment'), 'jobList.test.js': snippet });
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    const args = ['--experimental-vm-modules', '--no-warnings', jest, '--ci'];
    const { stderr } = await exec(process.execPath, args, { cwd: app });
    expect(stderr).toContain('the list shows a new job queued, then completed a minute later');
    expect(stderr).toMatch(/Tests:\s+1 passed, 1 total/);

    writeFileSync(join(app, 'jobList.test.js'), snippet.replace('@jest-environment video-jobs-mock/jest-environment-jsdom', '@jest-environment jsdom'));
    const plain = await exec(process.execPath, args, { cwd: app }).then(
      () => 'passed',
      (error: { stderr: string }) => error.stderr,
    );
    expect(plain).toMatch(/Test Suites:\s+1 failed/);
    expect(plain).toMatch(/ReferenceError: (Request|Response|fetch) is not defined/); // jsdom has no Fetch API
  }, 90_000);

  test('the jsdom vitest config and snippet type-check, pass under `vitest run`, and time out on the upload in vitest 3’s own jsdom', async () => {
    const config = readmeBlock('ts', '// vitest.config.ts');
    const app = appWith({
      'vitest.config.ts': config,
      'createVideo.test.ts': readmeBlock('ts', '// createVideo.test.ts'),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
        files: ['vitest.config.ts', 'createVideo.test.ts'],
      }),
    });
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app });
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const run = () => exec(process.execPath, [vitest, 'run', '--reporter', 'verbose', '--testTimeout', '5000'], { cwd: app, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    const { stdout } = await run();
    expect(stdout).toContain('an image of the wrong size shows the refusal OpenAI sends');
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);

    writeFileSync(join(app, 'vitest.config.ts'), config.replace(/environment: .*,/, "environment: 'jsdom',"));
    const plain = await run().then(
      () => 'passed',
      (error: { stdout: string }) => error.stdout,
    );
    expect(plain).toContain('Test timed out in 5000ms');
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

  test('the development-only entry loads the mock in development and leaves it out of a production build', async () => {
    const app = appWith({ 'main.ts': readmeBlock('ts', 'import.meta.env.DEV'), 'mocks.ts': readmeBlock('ts', "from 'msw/browser'") });
    // What Vite does to import.meta.env.DEV in `vite` (true) and `vite build` (false).
    const bundled = async (development: boolean) => {
      const outdir = join(app, development ? 'dev' : 'prod');
      await buildBrowserPage(join(app, 'main.ts'), outdir, { 'import.meta.env.DEV': String(development) });
      return readdirSync(outdir).map((name) => readFileSync(join(outdir, name), 'utf8')).join('\n');
    };
    const development = await bundled(true);
    expect(development).toContain('mockServiceWorker.js');
    expect(development).toContain('sk-bf-');
    const production = await bundled(false);
    expect(production.length).toBeLessThan(200);
    expect(production).not.toContain('mockServiceWorker');
  }, 60_000);
});
