import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';

/**
 * chokidar stands in here, so the test can make it fail: an 'error' event nobody listens to
 * throws, from inside the watcher's own file system callback, which would end the process.
 */
const fakeWatcher = Object.assign(new EventEmitter(), { close: async () => undefined });
let useFake = false;
const realChokidar = await import('chokidar');
jest.unstable_mockModule('chokidar', () => ({
  watch: (...args: Parameters<typeof realChokidar.watch>) => {
    if (!useFake) return realChokidar.watch(...args);
    setImmediate(() => fakeWatcher.emit('ready'));
    return fakeWatcher;
  },
}));
const { watchFiles } = await import('../../src/files/watchFiles.js');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchFiles never ends the process', () => {
  test("the watcher's errors after it is ready, however many, go to onError", async () => {
    useFake = true;
    const errors: unknown[] = [];
    const watcher = await watchFiles(['/x/spec.yaml'], () => undefined, 10, (error) => errors.push(error));
    try {
      // Without a listener of its own, the second would throw here.
      expect(() => {
        fakeWatcher.emit('error', new Error('EMFILE: too many open files, watch'));
        fakeWatcher.emit('error', new Error('ENOSPC: System limit for number of file watchers reached'));
      }).not.toThrow();
      expect(errors.map((error) => (error as Error).message)).toEqual(['EMFILE: too many open files, watch', 'ENOSPC: System limit for number of file watchers reached']);
    } finally {
      useFake = false;
      await watcher.close();
    }
  });

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
    const watcher = await watchFiles([file], () => (++calls === 1 ? failing() : undefined), 50, (error) => errors.push(error));
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
