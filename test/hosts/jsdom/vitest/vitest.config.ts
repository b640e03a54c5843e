import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The jsdom suite under vitest (run by ../vitestJsdom.test.ts), in the package's own jsdom
 * environment, named as a user's config names it.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.vitest.ts'],
    environment: fileURLToPath(import.meta.resolve('video-jobs-mock/vitest-environment-jsdom')),
    testTimeout: 30_000,
  },
});
