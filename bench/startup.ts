import { spawn } from 'node:child_process';

export interface StartupRow {
  command: string;
  /** Milliseconds from spawn to the first answer (a list page), one per start. */
  startsMs: number[];
  medianMs: number;
  /** The goal on an idle machine. */
  goalMs: number;
}

/** Spawns `command`, asks for a list page as soon as it says it listens, and stops it: ms to that answer. */
async function timeToFirstAnswer(command: string, args: string[], cwd: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stdout}`)));
    });
    const response = await fetch(`${url}/v1/videos?provider=openai&limit=1`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`first answer was ${response.status}`);
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Time to the first answer from a cold process, the median of `starts`: what a test suite that
 * starts the mock once per file waits each time. `npm start` adds npm itself and the staleness
 * check of the build (scripts/buildIfStale.mjs) to the server's own start.
 */
export async function startupTimes({ root, starts, headers }: { root: string; starts: number; headers: Record<string, string> }): Promise<StartupRow[]> {
  const commands: [string, string, string[], number][] = [
    ['node dist/cli/main.js', process.execPath, ['dist/cli/main.js', '--port', '0', '--clock', 'frozen'], 500],
    ['npm start', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start', '--silent', '--', '--port', '0', '--clock', 'frozen'], 1000],
  ];
  // The first fetch of this process loads its HTTP client: not the server's time.
  await fetch('http://127.0.0.1:9').catch(() => undefined);
  const rows: StartupRow[] = [];
  console.log(`\nStart-up: spawn to the first answer (a list page), median of ${starts} starts`);
  for (const [name, command, args, goalMs] of commands) {
    const startsMs: number[] = [];
    for (let i = 0; i < starts; i++) startsMs.push(await timeToFirstAnswer(command, args, root, headers));
    const medianMs = [...startsMs].sort((a, b) => a - b)[Math.floor(starts / 2)]!;
    console.log(`${name.padEnd(22)} ${Math.round(medianMs)} ms (fastest ${Math.round(Math.min(...startsMs))}, slowest ${Math.round(Math.max(...startsMs))}; goal on an idle machine: under ${goalMs}, ${medianMs < goalMs ? 'met' : 'missed'})`);
    rows.push({ command: name, startsMs: startsMs.map(Math.round), medianMs: Math.round(medianMs), goalMs });
  }
  return rows;
}
