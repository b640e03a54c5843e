import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI is tested as users run it: the built entry point (npm test builds first).
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vjm-cli-'));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 15000 });
}

describe('video-jobs-mock CLI', () => {
  test('--help documents every flag', () => {
    const { status, stdout } = run(['--help']);
    expect(status).toBe(0);
    for (const flag of ['--port', '--host', '--seed', '--jobs', '--now', '--spec', '--providers', '--keys', '--faults', '--latency', '--admin-token']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/env PORT/);
  });

  test.each([
    ['a non-numeric port', ['--port', 'abc'], /--port.*'abc' is invalid/],
    ['an unknown flag', ['--frobnicate'], /unknown option '--frobnicate'/],
    ['a negative job count', ['--jobs', '-5'], /--jobs/],
    ['a bad --now', ['--now', 'yesterday', '--port', '0'], /now: "yesterday" is not an ISO 8601 time/],
    ['a --now too early for 30 days of history', ['--now', '1000', '--port', '0'], /now: 1970-01-01T00:16:40\.000Z is outside 2000-01-01/],
    ['a missing spec file', ['--spec', join(dir, 'nope.yaml'), '--port', '0'], /nope\.yaml: cannot read the spec \(ENOENT\)/],
  ])('%s: one clear line on stderr, exit 1', (_name, args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('an invalid provider fixture: one line naming the file and the problem, exit 1', () => {
    const path = join(dir, 'providers.json');
    writeFileSync(path, JSON.stringify({ providers: [{ name: 'openai', canList: 'yes', models: [] }] }));
    const { status, stderr } = run(['--providers', path, '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${path}: invalid provider catalog: $.providers.0.canList: must be boolean`);
  });

  test('an invalid scenario file: one line naming the file, the rule and the field, exit 1', () => {
    const path = join(dir, 'faults.yaml');
    writeFileSync(path, 'rules:\n  - respond: { preset: hang }\n  - respond: { preset: meteor }\n');
    const { status, stderr } = run(['--faults', path, '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${path}: rule 1: respond.preset: unknown preset "meteor"`);
  });

  test('a scenario whose match.operation is misspelt stops the server in one line, not a rule that never fires', () => {
    const path = join(dir, 'typo.yaml');
    writeFileSync(path, 'rules:\n  - name: every 3rd job fails\n    match: { operation: creatVideo, every: 3 }\n    job: { outcome: failed }\n');
    const { status, stderr } = run(['--faults', path, '--port', '0']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${path}: rule 0: match.operation: "creatVideo" is neither an operationId of the spec`);
  });

  test.each([['fast'], ['500-100']])('--latency %s is refused', (value) => {
    const { status, stderr } = run(['--latency', value]);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/--latency/);
  });

  test('an invalid PORT in the environment is refused', () => {
    const { status, stderr } = run([], { PORT: 'eighty' });
    expect(status).toBe(1);
    expect(stderr).toContain('PORT=eighty');
  });

  test('an invalid PORT does not concern verify', () => {
    const { stderr } = run(['verify', '--help'], { PORT: 'eighty' });
    expect(stderr).not.toContain('PORT');
  });

  test('starts, prints its URL, seed and job counts, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--seed', '7', '--jobs', '12'], {
      env: { ...process.env, PORT: '0' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] && stdout.includes('cannot list')) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
    });
    expect(stdout).toContain('seed 7');
    expect(stdout).toContain('openai 12, azure 12');
    const response = await fetch(`${url}/v1/videos?provider=openai&limit=100`, { headers: { 'x-bf-vk': 'sk-bf-cli' } });
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(12);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
