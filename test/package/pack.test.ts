import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { githubSteps, readmeBlock, startMockSteps } from './readmeBlocks.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'vjm-pack-'));
const app = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The package as users get it: `npm pack`, installed into an empty folder, then used through
 * `npx video-jobs-mock`, `import` and `require` of 'video-jobs-mock/testing', and the README's
 * recipes run as written — nothing from this checkout but the test runners.
 */
beforeAll(async () => {
  // --ignore-scripts: npm test built dist/ already; rebuilding here would race the CLI tests.
  await exec(npm, ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: root });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  await exec('mkdir', [app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  await exec(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)], { cwd: app });
}, 240_000);

/**
 * `npx video-jobs-mock` in its own process group: npm runs the bin under a shell, so stopping
 * it means signalling the group, as a terminal's Ctrl-C does.
 */
function startCli(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(npx, ['--no-install', 'video-jobs-mock', '--port', '0', '--jobs', '15'], { cwd: app, detached: true });
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] && stdout.includes('try:')) {
        resolve({
          url: match[1],
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              process.kill(-child.pid!, 'SIGINT');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`npx video-jobs-mock exited with ${code}: ${stdout}`)));
  });
}

/** msw in the app's node_modules, as a user installs it (an optional peer: npm does not). */
function linkMsw(): void {
  const link = join(app, 'node_modules/msw');
  if (!existsSync(link)) symlinkSync(join(root, 'node_modules/msw'), link);
}

/** A package of this checkout's node_modules in the app's, as a user installs it beside ours. */
function linkFromRoot(name: string): void {
  const link = join(app, 'node_modules', name);
  if (!existsSync(link)) symlinkSync(join(root, 'node_modules', name), link);
}

/** A folder of the app holding one recipe, so each test runner sees only its own files. */
function recipeDir(name: string, files: Record<string, string>): string {
  const dir = join(app, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('the published package', () => {
  test('npx video-jobs-mock --help lists the flags and the verify command; --version prints the version', async () => {
    const { stdout } = await exec(npx, ['--no-install', 'video-jobs-mock', '--help'], { cwd: app });
    expect(stdout).toContain('--port');
    expect(stdout).toContain('verify');
    const printed = await exec(npx, ['--no-install', 'video-jobs-mock', '--version'], { cwd: app });
    expect(printed.stdout.trim()).toBe(version);
  });

  test('npx video-jobs-mock serves the bundled spec, and verify passes against it with text, JSON and JUnit reports', async () => {
    const server = await startCli();
    try {
      const response = await fetch(`${server.url}/v1/videos?provider=azure&limit=100`, { headers: { 'x-bf-vk': 'sk-bf-pack' } });
      expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(15);
      const verify = await exec(
        npx,
        ['--no-install', 'video-jobs-mock', 'verify', '--base-url', server.url, '--reporter', 'text', '--reporter', 'json:report.json', '--reporter', 'junit:report.xml'],
        { cwd: app },
      );
      expect(verify.stdout).toMatch(/\d+ checks: \d+ passed, 0 failed, 0 skipped/);
      const json = JSON.parse(readFileSync(join(app, 'report.json'), 'utf8')) as { passed: boolean; checks: { status: string }[] };
      expect(json.passed).toBe(true);
      const xml = readFileSync(join(app, 'report.xml'), 'utf8');
      expect(xml.match(/<testcase [^>]*time="\d+\.\d{3}"/g)).toHaveLength(json.checks.length);
    } finally {
      await server.stop();
    }
    await expect(fetch(`${server.url}/__mock/health`)).rejects.toThrow(); // it is gone
  });

  test('the installed package serves the console, its docs page and the spec from its own files', async () => {
    const server = await startCli();
    try {
      const page = await fetch(`${server.url}/__mock/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('console/main.js');
      for (const path of ['console/main.js', 'console/console.css', 'console/vendor/yaml/index.js', 'docs', 'docs/swagger-ui-bundle.js', 'openapi.json']) {
        expect([path, (await fetch(`${server.url}/__mock/${path}`)).status]).toEqual([path, 200]);
      }
    } finally {
      await server.stop();
    }
  });

  test("import 'video-jobs-mock/testing' gives startServer and validateResponse", async () => {
    const script = `
      import { startServer, validateResponse } from 'video-jobs-mock/testing';
      const server = await startServer({ port: 0, jobs: 3, log: () => {} });
      const response = await fetch(server.url + '/v1/videos?provider=openai', { headers: { authorization: 'Bearer sk-bf-x' } });
      const result = validateResponse('listVideos', response.status, await response.json());
      await server.close();
      console.log(JSON.stringify(result));
    `;
    writeFileSync(join(app, 'check.mjs'), script);
    const { stdout } = await exec(process.execPath, ['check.mjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ valid: true, problems: [] });
  });

  test("require('video-jobs-mock/testing') works from CommonJS, with no warning", async () => {
    const script = `
      const { startServer, validateResponse, verifyServer } = require('video-jobs-mock/testing');
      (async () => {
        const server = await startServer({ port: 0, jobs: 12, log: () => {} });
        const response = await fetch(server.url + '/v1/videos?provider=openai', { headers: { authorization: 'Bearer sk-bf-x' } });
        const result = validateResponse('listVideos', response.status, await response.json());
        const report = await verifyServer({ baseUrl: server.url, limits: [5] });
        await server.close();
        console.log(JSON.stringify({ result, passed: report.passed }));
      })();
    `;
    writeFileSync(join(app, 'check.cjs'), script);
    const { stdout, stderr } = await exec(process.execPath, ['check.cjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ result: { valid: true, problems: [] }, passed: true });
    expect(stderr).toBe('');
  });

  test("import 'video-jobs-mock/fetch' answers in-process from the package's own spec, providers and media", async () => {
    const script = `
      import { createFetchHandler } from 'video-jobs-mock/fetch';
      const { handle, control } = createFetchHandler({ jobs: 5, log: () => {} });
      const headers = { authorization: 'Bearer sk-bf-x' };
      const page = await (await handle(new Request('http://mock/v1/videos?provider=openai', { headers }))).json();
      const done = page.data.find((video) => video.status === 'completed');
      const content = await handle(new Request('http://mock/v1/videos/' + done.id + '/content', { headers }));
      const bytes = new Uint8Array(await content.arrayBuffer());
      console.log(JSON.stringify({ jobs: page.data.length, type: content.headers.get('content-type'), box: new TextDecoder().decode(bytes.subarray(4, 8)), now: control.clock.now().toISOString() }));
    `;
    writeFileSync(join(app, 'fetch-check.mjs'), script);
    const { stdout } = await exec(process.execPath, ['fetch-check.mjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ jobs: 5, type: 'video/mp4', box: 'ftyp', now: '2026-01-15T12:00:00.000Z' });
  });

  test("import 'video-jobs-mock/msw' gives handlers for msw/node (msw being the app's own, an optional peer)", async () => {
    linkMsw();
    writeFileSync(
      join(app, 'msw-check.mjs'),
      `import { setupServer } from 'msw/node';
      import { createHandlers } from 'video-jobs-mock/msw';
      const { handlers, control } = createHandlers({ jobs: 4 });
      const server = setupServer(...handlers);
      server.listen({ onUnhandledRequest: 'error' });
      const response = await fetch('https://gateway.example/openai/v1/videos?provider=azure', { headers: { 'x-bf-vk': 'sk-bf-x' } });
      const page = await response.json();
      server.close();
      console.log(JSON.stringify({ status: response.status, jobs: page.data.length, journaled: control.journal.entries().length }));
    `,
    );
    const { stdout } = await exec(process.execPath, ['msw-check.mjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ status: 200, jobs: 4, journaled: 1 });
  });

  test('the fetch and msw entries ship as ES modules with the bundled inputs, and their types resolve with skipLibCheck: false', async () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/video-jobs-mock/package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    for (const entry of ['./fetch', './msw']) {
      expect(manifest.exports[entry]!.default).toMatch(/\.js$/);
      expect(readFileSync(join(app, 'node_modules/video-jobs-mock', manifest.exports[entry]!.types), 'utf8')).toContain('export');
    }
    const shipped = readdirSync(join(app, 'node_modules/video-jobs-mock/dist/bundled')).sort();
    expect(shipped).toEqual(expect.arrayContaining(['englishWords.js', 'mediaFiles.js', 'openapiText.js', 'providerCatalog.js']));
    const dir = recipeDir('host-types', {
      'consumer.mts': `import { createFetchHandler, type FetchHandler, type MockControl } from 'video-jobs-mock/fetch';
        import { createHandlers, type MockHandlers } from 'video-jobs-mock/msw';
        const fetchHandler: FetchHandler = createFetchHandler({ seed: 1, faults: [{ respond: { preset: 'rate_limited' } }] });
        const control: MockControl = fetchHandler.control;
        const answer: Promise<Response> = fetchHandler.handle(new Request('http://mock/v1/videos'));
        const msw: MockHandlers = createHandlers({ baseUrl: 'https://gateway.example', clock: 'live' });
        export { control, answer, msw };\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['consumer.mts'],
      }),
    });
    linkMsw();
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
  }, 60_000);

  test('the jsdom environments ship as ES modules with types, and the README’s jsdom recipes pass with them under jest and vitest', async () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/video-jobs-mock/package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    for (const entry of ['./jest-environment-jsdom', './vitest-environment-jsdom']) {
      expect(manifest.exports[entry]!.default).toMatch(/\.js$/);
      expect(readFileSync(join(app, 'node_modules/video-jobs-mock', manifest.exports[entry]!.types), 'utf8')).toContain('export default');
    }
    // What a user installs beside the package to use them (none of them is its dependency).
    linkMsw();
    for (const name of ['jest-environment-jsdom', 'jsdom', 'vitest']) linkFromRoot(name);
    const types = recipeDir('jsdom-types', {
      'consumer.mts': `import JestJsdom from 'video-jobs-mock/jest-environment-jsdom';
        import vitestJsdom from 'video-jobs-mock/vitest-environment-jsdom';
        const environments: [string, string] = [JestJsdom.name, vitestJsdom.name];
        export { environments };\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
        files: ['consumer.mts'],
      }),
    });
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', types], { cwd: types });

    const jestDir = recipeDir('jsdom-jest', {
      'jest.config.js': readmeBlock('js', 'testEnvironment'),
      'jobList.test.js': readmeBlock('js', '@jest-environment video-jobs-mock/jest-environment-jsdom'),
    });
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    const { stderr } = await exec(process.execPath, ['--experimental-vm-modules', '--no-warnings', jest, '--ci'], { cwd: jestDir });
    expect(stderr).toMatch(/Tests:\s+1 passed, 1 total/);
    // The README's other way: the environment named once in jest.config.js, no docblock.
    const withoutDocblock = readmeBlock('js', '@jest-environment video-jobs-mock/jest-environment-jsdom').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
    expect(withoutDocblock).not.toContain('@jest-environment');
    const jestConfigDir = recipeDir('jsdom-jest-config', {
      'jest.config.js': "export default { testEnvironment: 'video-jobs-mock/jest-environment-jsdom', transform: {} };\n",
      'jobList.test.js': withoutDocblock,
    });
    const configured = await exec(process.execPath, ['--experimental-vm-modules', '--no-warnings', jest, '--ci'], { cwd: jestConfigDir });
    expect(configured.stderr).toMatch(/Tests:\s+1 passed, 1 total/);

    const vitestDir = recipeDir('jsdom-vitest', {
      'vitest.config.ts': readmeBlock('ts', '// vitest.config.ts'),
      'createVideo.test.ts': readmeBlock('ts', '// createVideo.test.ts'),
    });
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await exec(process.execPath, [vitest, 'run', '--reporter', 'verbose'], { cwd: vitestDir, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
  }, 120_000);

  test('the .d.ts files type-check with skipLibCheck: false, from ESM and from CommonJS', async () => {
    const dir = recipeDir('types', {
      'consumer.mts': `import { startServer, verifyServer, type RunningServer, type VerifyReport } from 'video-jobs-mock/testing';
        const started: Promise<RunningServer> = startServer({ port: 0, jobs: 3, log: () => {} });
        const passed = async (report: Promise<VerifyReport>): Promise<boolean> => (await report).passed;
        export { started, passed, verifyServer };\n`,
      'consumer.cts': `import testing = require('video-jobs-mock/testing');
        const options: testing.VerifyOptions = { baseUrl: 'http://127.0.0.1:1', headers: { 'x-bf-vk': 'sk-bf-x' }, strict: true };
        const check: (report: testing.VerifyReport) => boolean = (report) => report.passed;
        export = { options, check, validate: testing.validateResponse, start: testing.startServer };\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    });
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
  }, 60_000);

  test('the README vitest recipe type-checks against vitest and passes under `vitest run`', async () => {
    // vitest is this checkout's devDependency: linked in, as a user's own install would be.
    const dir = recipeDir('vitest', {
      'videos.test.ts': readmeBlock('ts', "from 'video-jobs-mock/testing'"),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [] },
        files: ['videos.test.ts'],
      }),
    });
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(root, 'node_modules/vitest'), join(dir, 'node_modules/vitest'));
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await exec(process.execPath, [vitest, 'run', '--reporter', 'verbose'], { cwd: dir, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    expect(stdout).toContain('the server keeps the list contract');
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
  }, 90_000);

  test('the README jest recipe (ESM config) runs as written', async () => {
    const dir = recipeDir('jest', {
      'jest.config.js': readmeBlock('js', 'testEnvironment'),
      'videos.test.js': readmeBlock('js', '// videos.test.js'),
    });
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    const { stderr } = await exec(process.execPath, ['--experimental-vm-modules', '--no-warnings', jest, '--ci'], { cwd: dir });
    expect(stderr).toMatch(/Tests:\s+1 passed, 1 total/);
  }, 60_000);

  test('the README node:test recipe (CommonJS) runs as written', async () => {
    const dir = recipeDir('node-test', { 'videos.test.cjs': readmeBlock('js', "require('node:test')") });
    const { stdout } = await exec(process.execPath, ['--test', 'videos.test.cjs'], { cwd: dir });
    expect(stdout).toMatch(/# pass 1\n# fail 0/);
  }, 60_000);

  test('the README GitHub Actions job checks out and installs first, and its verify step runs as written', async () => {
    const steps = githubSteps();
    const uses = steps.map((step) => step.uses ?? step.run ?? '');
    expect(uses[0]).toMatch(/^actions\/checkout@/);
    expect(uses[1]).toMatch(/^actions\/setup-node@/);
    expect(uses[2]).toBe('npm ci');
    const verify = steps.find((step) => step.run?.includes('video-jobs-mock verify'))!;
    expect(steps.indexOf(verify)).toBeGreaterThan(2);
    const server = await startCli();
    try {
      const dir = recipeDir('ci', {});
      const env = { ...process.env, GATEWAY_URL: server.url, VERIFY_TOKEN: 'sk-bf-ci', PATH: `${join(app, 'node_modules/.bin')}:${process.env['PATH']}` };
      const { stdout } = await exec('sh', ['-c', verify.run!], { cwd: dir, env });
      expect(stdout).toMatch(/0 failed, 0 skipped/);
      expect(readFileSync(join(dir, 'verify.xml'), 'utf8')).toContain('<testsuites name="video-jobs-mock verify"');
      expect((JSON.parse(readFileSync(join(dir, 'verify.json'), 'utf8')) as { passed: boolean }).passed).toBe(true);
    } finally {
      await server.stop();
    }
  }, 60_000);

  test("the README's step that starts the mock in CI starts it, fault scenario included, and waits for health", async () => {
    const step = startMockSteps().find((candidate) => candidate.name === 'Start the mock')!;
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    // The port is the only change: 8080 may be taken on a shared machine.
    const script = step.run!.replaceAll('8080', String(port));
    const shell = spawn('sh', ['-c', script], { cwd: app, detached: true, stdio: 'ignore', env: { ...process.env, PATH: `${join(app, 'node_modules/.bin')}:${process.env['PATH']}` } });
    try {
      await new Promise((resolve) => shell.once('exit', resolve));
      const health = await fetch(`http://127.0.0.1:${port}/__mock/health`);
      expect(health.status).toBe(200);
      const faults = (await (await fetch(`http://127.0.0.1:${port}/__mock/faults`)).json()) as { rules: unknown[] };
      expect(faults.rules).toHaveLength(1);
    } finally {
      process.kill(-shell.pid!, 'SIGINT');
    }
  }, 60_000);
});
