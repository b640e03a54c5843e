import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFiles } from '../../src/files/watchFiles.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchFiles never ends the process', () => {
  test.each([
    ['throws', () => {
      throw new Error('handler failed');
    }],
    ['rejects', () => Promise.reject(new Error('handler failed'))],
  ])('a change handler that %s is reported to onError, and later changes are still reported', async (_how, failing) => {
    const dir = mkdtempSync(join(tmpdir(), 'vjm-watcherrors-'));
    const file = join(dir, 'faults.yaml');
    writeFileSync(file, 'rules: []\n');
    const errors: unknown[] = [];
    let calls = 0;
    const watcher = await watchFiles([file], () => (++calls === 1 ? failing() : undefined), { debounceMs: 50, onError: (error) => errors.push(error) });
    try {
      writeFileSync(file, 'rules: [1]\n');
      for (let waited = 0; errors.length === 0 && waited < 5000; waited += 20) await pause(20);
      expect(errors.map((error) => (error as Error).message)).toEqual(['handler failed']);
      writeFileSync(file, 'rules: [2]\n');
      for (let waited = 0; calls < 2 && waited < 5000; waited += 20) await pause(20);
      expect(calls).toBe(2);
    } finally {
      await watcher.close();
    }
  });
});
