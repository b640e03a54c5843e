import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, as users run it. */
export const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the CLI asynchronously, so servers in the test's own process keep answering meanwhile. */
export function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
