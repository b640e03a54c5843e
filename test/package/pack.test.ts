import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'vjm-pack-'));
const app = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * The package as users get it: `npm pack`, installed into an empty folder, then used through
 * `npx video-jobs-mock` and `import 'video-jobs-mock/testing'` — nothing from this checkout.
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

describe('the published package', () => {
  test('npx video-jobs-mock --help lists the flags and the verify command', async () => {
    const { stdout } = await exec(npx, ['--no-install', 'video-jobs-mock', '--help'], { cwd: app });
    expect(stdout).toContain('--port');
    expect(stdout).toContain('verify');
  });

  test('npx video-jobs-mock serves the bundled spec, and npx video-jobs-mock verify passes against it', async () => {
    const server = await startCli();
    try {
      const response = await fetch(`${server.url}/v1/videos?provider=azure&limit=100`, { headers: { 'x-bf-vk': 'sk-bf-pack' } });
      expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(15);
      const verify = await exec(npx, ['--no-install', 'video-jobs-mock', 'verify', '--base-url', server.url], { cwd: app });
      expect(verify.stdout).toMatch(/\d+ checks: \d+ passed, 0 failed/);
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
});
