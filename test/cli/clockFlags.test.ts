import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 15000 });

/** Starts the CLI, reads its startup lines, fetches the clock, and stops it. */
async function startupAndClock(args: string[]): Promise<{ stdout: string; clock: { now: string; mode: string; renderSpeed: number } }> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--jobs', '5', ...args]);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] && stdout.includes('render speed')) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
  });
  try {
    const clock = (await (await fetch(`${url}/__mock/clock`)).json()) as { now: string; mode: string; renderSpeed: number };
    return { stdout, clock };
  } finally {
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exit;
  }
}

describe('the CLI clock flags', () => {
  test('the CLI runs a live clock by default, anchored at the start time', async () => {
    const before = Date.now();
    const { stdout, clock } = await startupAndClock([]);
    expect(stdout).toMatch(/clock live, render speed 1/);
    expect(clock.mode).toBe('live');
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(before - 1000);
  });

  test('--clock frozen stands at the fixed --now default; --render-speed is reported', async () => {
    const { stdout, clock } = await startupAndClock(['--clock', 'frozen', '--render-speed', '60']);
    expect(stdout).toContain('now 2026-01-15T12:00:00.000Z, clock frozen, render speed 60');
    expect(clock).toEqual({ now: '2026-01-15T12:00:00.000Z', nowUnix: 1768478400, mode: 'frozen', renderSpeed: 60, movedSeconds: 0 });
  });

  test.each([
    ['an unknown clock', ['--clock', 'sometimes'], /--clock.*'sometimes' is invalid. Allowed choices are live, frozen/],
    ['a zero render speed', ['--render-speed', '0'], /--render-speed.*expected a number greater than 0/],
    ['a render speed past the cap', ['--render-speed', '1000000', '--port', '0'], /render-speed: 1000000 is not a number from 0.01 to 100000/],
    ['a --now that is no ISO 8601 time (Date.parse would read it as 2001)', ['--now', 'May 5', '--port', '0'], /now: "May 5" is not an ISO 8601 time or unix seconds/],
    ['a negative --now', ['--now=-5', '--port', '0'], /now: "-5" is not an ISO 8601 time or unix seconds/],
    ['a --now on a day the month does not have (Date.parse would run at March 3)', ['--now', '2026-02-31T12:00:00Z', '--port', '0'], /now: "2026-02-31T12:00:00Z" is not a real date: February 2026 has 28 days$/],
    ['a future --now under a live clock (no seeded job would have started)', ['--now', '2099-06-01T00:00:00Z', '--port', '0'], /now: 2099-06-01T00:00:00.000Z is in the future, and a live clock reads the real time/],
  ])('%s: one clear line on stderr, exit 1', (_name, args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
