import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  watcher = await watchFiles([file, other], (changed) => calls.push(changed), 100);
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
});
