/* global process, setTimeout, fetch */
// Starts the CLI under `sh -c` the way `npx video-jobs-mock` does (`; exit $?` keeps dash from
// exec-ing node), kills only the shell, and prints one line of JSON: whether the server went
// away within 10 s. Run as its own process by test/cli/hardening.test.ts, so that the shell's
// parent is a plain node process, as under npx (under a jest worker the server was seen to
// miss its parent's death; see the session note of the change that added this file).
import { spawn } from 'node:child_process';

const [cli] = process.argv.slice(2);
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
const shell = spawn('sh', ['-c', `"${process.execPath}" "${cli}" --port 0; exit $?`], {
  env: { ...env, npm_lifecycle_event: 'npx', npm_command: 'exec' },
  detached: true,
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let stdout = '';
shell.stdout.on('data', (chunk) => (stdout += chunk));
shell.stderr.resume();
let url;
for (let i = 0; i < 200 && !url; i++) {
  await sleep(100);
  if (stdout.includes('try:')) url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
}
let gone = false;
try {
  if (!url) throw new Error(`the server did not start: ${stdout}`);
  const before = (await fetch(`${url}/__mock/health`)).status;
  shell.kill('SIGTERM'); // the shell only: the server is not signalled
  for (let i = 0; i < 40 && !gone; i++) {
    await sleep(250);
    gone = await fetch(`${url}/__mock/health`).then(() => false, () => true);
  }
  process.stdout.write(`${JSON.stringify({ before, gone, stdout })}\n`);
} finally {
  try {
    process.kill(-shell.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}
