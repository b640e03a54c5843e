import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the "listening on" line. */
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts a server in its own process (so the load generator does not share its core). */
export function spawnServer(command: string, args: string[]): Promise<ChildServer> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url || !child.pid) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const pid = child.pid;
      resolve({
        url,
        pid,
        startupMs: performance.now() - started,
        rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stdout}`)));
  });
}
