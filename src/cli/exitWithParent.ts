/** How often the server checks that the process that started it is still there. */
const CHECK_EVERY_MS = 1000;

/**
 * `npx video-jobs-mock` runs the server under `sh -c`, which does not pass on the SIGTERM npm
 * forwards to it: killing npm's pid left the server running, orphaned. When started by npm,
 * the server notices that its parent is gone (it is re-parented) and stops like on SIGTERM.
 * (`npm start` needs no help: its script `exec`s node, so npm signals the server itself.)
 */
export function exitWithParent(env: NodeJS.ProcessEnv, stop: (reason: string) => void): void {
  if (env['npm_lifecycle_event'] === undefined) return; // not under npm: a shell's `&` may outlive it
  const parent = process.ppid; // read once at startup by Node, never updated: ask the OS instead
  const timer = setInterval(() => {
    if (isAlive(parent)) return;
    clearInterval(timer);
    stop('the process that started the server is gone');
  }, CHECK_EVERY_MS);
  timer.unref();
}

/** Signal 0 checks that a process exists without touching it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours to signal
  }
}
