#!/usr/bin/env node
/**
 * `npm start` runs this first: it compiles src/ to dist/ only when a source (or a tsconfig) is
 * newer than the last build, so a start without changes skips the 4-5 s of tsc. On a fresh
 * clone, where dist/ does not exist yet, it builds. Plain JavaScript, so it needs no build.
 *
 *   node scripts/buildIfStale.mjs [--root <dir>] [--check]
 *
 * --check only says "fresh" or "stale: <why>" (exit 0), without building.
 */
/* global process, console, URL -- a Node script, linted without the TypeScript project */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt === -1 ? fileURLToPath(new URL('..', import.meta.url)) : args[rootAt + 1];
const builtFile = join(root, 'dist', 'cli', 'main.js');

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
function staleness() {
  let built;
  try {
    built = statSync(builtFile).mtimeMs;
  } catch {
    return 'dist/ has not been built';
  }
  const inputs = [join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json'), ...filesUnder(join(root, 'src'))];
  for (const file of inputs) {
    let modified;
    try {
      modified = statSync(file).mtimeMs;
    } catch {
      continue; // a tsconfig that does not exist changes nothing
    }
    if (modified > built) return `${relative(root, file)} changed since the last build`;
  }
  return undefined;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const reason = staleness();
if (args.includes('--check')) {
  process.stdout.write(`${reason ? `stale: ${reason}` : 'fresh'}\n`);
  process.exit(0);
}
if (reason) {
  console.error(`video-jobs-mock: building (${reason})...`);
  // The project's own build script, whatever it comes to do besides tsc.
  const npmCli = process.env.npm_execpath;
  const [command, npmArgs] = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
  const result = spawnSync(command, [...npmArgs, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    // tsc writes its output even when it reports errors: forget this build, so the next start
    // builds again instead of running what failed.
    rmSync(builtFile, { force: true });
    process.exit(result.status ?? 1);
  }
}
