import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFiles, type FileWatcher } from '../../src/files/watchFiles.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `calls` has `count` entries (or gives up after 5 s). */
async function until(calls: string[][], count: number): Promise<void> {
  for (let waited = 0; calls.length < count && waited < 5000; waited += 20) await pause(20);
}

let dir: string;
let file: string;
let other: string;
let calls: string[][];
let watcher: FileWatcher;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vjm-watchfiles-'));
  file = join(dir, 'spec.yaml');
  other = join(dir, 'faults.yaml');
  writeFileSync(file, 'a: 1\n');
  writeFileSync(other, 'rules: []\n');
  calls = [];
  watcher = await watchFiles([file, other], (changed) => calls.push(changed), { debounceMs: 100 });
});
afterEach(() => watcher.close());

describe('watchFiles', () => {
  test('a burst of writes (truncate, then write) is reported once, after it is quiet', async () => {
    writeFileSync(file, '');
    writeFileSync(file, 'a: 2\n');
    await pause(30);
    writeFileSync(file, 'a: 3\n');
    await until(calls, 1);
    await pause(300);
    expect(calls).toEqual([[file]]);
  });

  test('a save by rename, and a delete then recreate, are seen', async () => {
    writeFileSync(`${file}.tmp`, 'a: 4\n');
    renameSync(`${file}.tmp`, file);
    await until(calls, 1);
    expect(calls).toEqual([[file]]);
    rmSync(file);
    await until(calls, 2);
    writeFileSync(file, 'a: 5\n');
    await until(calls, 3);
    expect(calls.slice(1)).toEqual([[file], [file]]);
    writeFileSync(file, 'a: 6\n'); // still watched after the recreate
    await until(calls, 4);
    expect(calls).toHaveLength(4);
  });

  test('changes to two files in one burst are reported together, as the paths given', async () => {
    writeFileSync(file, 'a: 7\n');
    writeFileSync(other, 'rules: [1]\n');
    await until(calls, 1);
    await pause(200);
    expect(calls.map((c) => [...c].sort())).toEqual([[other, file].sort()]);
  });

  test('after storms of saves by rename 10 ms apart, the next save is still reported', async () => {
    // chokidar 5 lost its watch on the file in about 1 storm in 4 (see watchFiles).
    for (let storm = 0; storm < 4; storm++) {
      for (let save = 0; save < 100; save++) {
        writeFileSync(`${file}.tmp`, `a: ${storm}-${save}\n`);
        renameSync(`${file}.tmp`, file);
        await pause(10);
      }
      await pause(150);
      const before = calls.length;
      writeFileSync(`${file}.tmp`, 'a: next\n');
      renameSync(`${file}.tmp`, file);
      await until(calls, before + 1);
      expect(calls.slice(before)).toEqual([[file]]);
    }
    // Each storm was reported, even though it was never quiet for the debounce until it ended.
    expect(calls.length).toBeGreaterThanOrEqual(8);
  });

  test('a file reached through a symlink whose target is swapped is reported (by the poll)', async () => {
    const linked = join(dir, 'linked.yaml');
    mkdirSync(join(dir, 'v1'));
    mkdirSync(join(dir, 'v2'));
    writeFileSync(join(dir, 'v1', 'linked.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'v2', 'linked.yaml'), 'a: 2, longer\n');
    symlinkSync(join(dir, 'v1'), join(dir, 'data'));
    symlinkSync(join('data', 'linked.yaml'), linked);
    const seen: string[][] = [];
    const other = await watchFiles([linked], (changed) => seen.push(changed), { debounceMs: 20, pollMs: 50 });
    try {
      // How Kubernetes updates a mounted ConfigMap: a new symlink renamed over the old one.
      symlinkSync(join(dir, 'v2'), join(dir, 'data.tmp'));
      renameSync(join(dir, 'data.tmp'), join(dir, 'data'));
      await until(seen, 1);
      expect(seen).toEqual([[linked]]);
    } finally {
      await other.close();
    }
  });

  test('a continuous stream of writes is reported while it lasts, not only once it stops', async () => {
    const started = calls.length;
    for (let write = 0; write < 120; write++) {
      writeFileSync(file, `a: ${write}\n`);
      await pause(10);
    }
    // 1.2 s of writes 10 ms apart never leave the 100 ms of quiet the debounce waits for.
    expect(calls.length).toBeGreaterThan(started);
  });
});
