import { defineConfig } from 'vitest/config';

/** The MSW suite under vitest (run by ../vitest.test.ts): Node environment, this folder only. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.vitest.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
