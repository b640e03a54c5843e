import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'vjm-cli-hard-'));
/** The environment of a plain shell: no npm variables from the `npm test` that runs us. */
const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...plainEnv, ...env }, timeout: 20000 });
}

/** Resolves with the URL once the server says it listens; rejects if it exits first. */
function listening(child: ReturnType<typeof spawn>): Promise<string> {
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url && stdout.includes('try:')) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${stdout}`)));
  });
}

const exited = (child: ReturnType<typeof spawn>, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Cleanup after a failed test: whatever is left in the child's process group. */
function killGroup(pid: number | undefined): void {
  try {
    if (pid !== undefined) process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already: the test did its job
  }
}

describe('startup errors are one short line, exit 1', () => {
  test('a 60 MB --faults file is refused at once (it used to run 100 s and abort with a V8 trace)', () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, '');
    truncateSync(path, 60 * 1024 * 1024);
    const started = performance.now();
    const { status, stderr } = run(['--faults', path, '--port', '0']);
    expect(performance.now() - started).toBeLessThan(20_000); // node startup on a busy machine; it was 100 s
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`video-jobs-mock: error: ${path}: the scenario is too large (62914560 bytes; the limit is 262144 bytes, 256 KiB)`]);
  });

  test('a file name holding a newline is escaped, so the error stays one line', () => {
    const { status, stderr } = run(['--faults', join(dir, 'evil\nname.yaml'), '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`video-jobs-mock: error: ${join(dir, 'evil\\nname.yaml')}: cannot read the scenario (ENOENT)`]);
  });

  test('a very long name is cut to a sane length, keeping the start and the reason', () => {
    const { status, stderr } = run(['--spec', `/${'x'.repeat(5000)}.yaml`, '--port', '0']);
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(500);
    expect(lines[0]).toMatch(/^video-jobs-mock: error: \/xxx.*characters cut.*\(ENAMETOOLONG\)$/);
  });

  test('a bad flag value holding a newline is one line too', () => {
    const { status, stderr } = run(['--port', '80\n80']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain("'80\\n80' is invalid");
  });

  test.each([
    ['non-ASCII', ['--admin-token', 'tökén']],
    ['a leading space', ['--admin-token', ' secret']],
    ['a trailing space', ['--admin-token', 'secret ']],
    ['a control character', ['--admin-token', 'sec\tret']],
  ])('an --admin-token with %s (a header cannot carry it) is refused without echoing it', (_name, args) => {
    const { status, stderr } = run([...args, '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'video-jobs-mock: error: admin token: a header cannot carry it as given; use printable ASCII characters only, with no space at either end',
    ]);
  });

  test('MOCK_ADMIN_TOKEN is checked the same way', () => {
    const { status, stderr } = run(['--port', '0'], { MOCK_ADMIN_TOKEN: 'naïve' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/admin token: a header cannot carry it/);
  });

  test.each([['0'], ['2048'], ['64MB']])('--max-body-memory %s (an integer of MB from 1 to 2047) is refused in one line', (value) => {
    const { status, stderr } = run(['--max-body-memory', value, '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`option '--max-body-memory <MB>' argument '${value}' is invalid. expected an integer from 1 to 2047.`);
  });

  test('a stray argument says the mock takes flags only', () => {
    const { status, stderr } = run(['9000']);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('video-jobs-mock: error: unexpected argument "9000": the mock takes flags only (run with --help for usage)');
  });

  test('`npm start --port 9000` (no --) says what to type instead', () => {
    const { status, stdout, stderr } = spawnSync('npm', ['start', '--port', '9000'], { cwd: root, encoding: 'utf8', env: plainEnv, timeout: 60_000 });
    expect(status).toBe(1);
    expect(`${stdout}${stderr}`).toContain("video-jobs-mock: error: npm took --port for itself; put -- before the mock's flags: npm start -- --port 9000");
  });
});

describe('npm start and signals', () => {
  test('`npm start` starts without rebuilding when dist/ is fresh, and `kill <pid of npm start>` stops the server', async () => {
    // Its own process group, only so that a failure cannot leave a server behind (see finally).
    const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: root, env: plainEnv, detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const url = await listening(child);
      expect(stderr).not.toContain('building'); // npm test built dist/ just before
      expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
      child.kill('SIGTERM'); // npm's own pid, not a process group
      expect(await exited(child, 15_000)).toBe(true);
      await expect(fetch(`${url}/__mock/health`)).rejects.toThrow(); // the server is gone too
    } finally {
      killGroup(child.pid);
    }
  });

  test('a server started by npm under a shell that does not pass signals on (npx) stops when that shell is killed', () => {
    const script = join(root, 'test', 'cli', 'support', 'killShellOfServer.mjs');
    const result = spawnSync(process.execPath, [script, cli], { encoding: 'utf8', env: plainEnv, timeout: 30_000 });
    const outcome = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { before?: number; gone?: boolean; stdout?: string };
    expect(outcome.before).toBe(200);
    expect(outcome.gone).toBe(true);
    expect(outcome.stdout).toContain('the process that started the server is gone: closing');
  });
});

describe('scripts/buildIfStale.mjs (what `npm start` runs first)', () => {
  const check = (project: string) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'buildIfStale.mjs'), '--root', project, '--check'], { encoding: 'utf8' }).stdout.trim();
  const project = () => {
    const path = mkdtempSync(join(dir, 'project-'));
    mkdirSync(join(path, 'src', 'cli'), { recursive: true });
    writeFileSync(join(path, 'src', 'cli', 'main.ts'), '');
    writeFileSync(join(path, 'tsconfig.json'), '{}');
    return path;
  };
  const age = (path: string, secondsAgo: number) => {
    const time = Date.now() / 1000 - secondsAgo;
    utimesSync(path, time, time);
  };

  test('a clone where dist/ does not exist yet is built', () => {
    expect(check(project())).toBe('stale: dist/ has not been built');
  });

  test('dist/ newer than every source is fresh', () => {
    const path = project();
    mkdirSync(join(path, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(path, 'dist', 'cli', 'main.js'), '');
    age(join(path, 'src', 'cli', 'main.ts'), 60);
    age(join(path, 'tsconfig.json'), 60);
    expect(check(path)).toBe('fresh');
  });

  test('a source edited after the build makes it stale, naming the file', () => {
    const path = project();
    mkdirSync(join(path, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(path, 'dist', 'cli', 'main.js'), '');
    age(join(path, 'dist', 'cli', 'main.js'), 60);
    age(join(path, 'tsconfig.json'), 120);
    expect(check(path)).toBe(`stale: ${join('src', 'cli', 'main.ts')} changed since the last build`);
  });
});
