import { readFileSync } from 'node:fs';

/** How often the server checks that the process that started it is still there. */
const CHECK_EVERY_MS = 1000;

/**
 * `npx video-jobs-mock` runs the server under `sh -c`, which does not pass on the SIGTERM npm
 * forwards to it: killing npm's pid left the server running, orphaned. When started by npm,
 * the server notices that its parent is gone and stops as on SIGTERM.
 * (`npm start` needs no help: its script `exec`s node, so npm signals the server itself.)
 */
export function exitWithParent(env: NodeJS.ProcessEnv, stop: (reason: string) => void): void {
  if (env['npm_lifecycle_event'] === undefined) return; // not under npm: a shell's `&` may outlive it
  const parent = process.ppid; // Node reads it once, at startup, and never updates it
  const timer = setInterval(() => {
    if (!parentGone(parent)) return;
    clearInterval(timer);
    stop('the process that started the server is gone');
  }, CHECK_EVERY_MS);
  timer.unref();
}

/**
 * On Linux the kernel re-parents an orphan the moment its parent dies (even before the parent
 * is reaped, while signal 0 would still find the zombie); elsewhere, signal 0 asks whether the
 * parent still exists.
 */
function parentGone(parent: number): boolean {
  const now = currentParent();
  if (now !== undefined) return now !== parent;
  try {
    process.kill(parent, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM'; // EPERM: exists, not ours to signal
  }
}

/** The parent pid from /proc (`pid (name) state ppid ...`; the name may hold spaces). */
function currentParent(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}
