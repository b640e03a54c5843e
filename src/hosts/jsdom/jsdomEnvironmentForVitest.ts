import { builtinEnvironments, type Environment } from 'vitest/environments';

/**
 * vitest's jsdom environment, with Node's Blob, File and FormData kept, so that Node's fetch
 * (which `msw/node` intercepts and the `openai` client calls) can send multipart bodies.
 *
 * Why an environment and not a setup file: Node loads its fetch (undici) on the first touch of
 * fetch, Request, Response or FormData, and undici then holds on to the `File` it found. vitest's
 * jsdom setup installs jsdom's File and, saving the originals, touches FormData: undici loads
 * holding jsdom's File, and every file appended to a form becomes a part that never streams
 * (the upload hangs). A setup file runs too late to undo that; an environment runs first.
 *
 * Use it with `environment: fileURLToPath(import.meta.resolve('video-jobs-mock/vitest-environment-jsdom'))`
 * in the vitest config (vitest looks up a bare environment name as `vitest-environment-<name>`,
 * so it takes a path). The default pools only (`forks`, `threads`): it has no `setupVM`.
 * For vitest 3: from 4.1 on, vitest's own jsdom environment keeps Node's Blob and FormData
 * working with fetch (measured with 4.1.12: this suite passes with `environment: 'jsdom'`), and
 * this module still works there, with deprecation notices for `transformMode` and
 * `vitest/environments`.
 */
const jsdomEnvironmentForVitest: Environment = {
  name: 'video-jobs-mock-jsdom',
  transformMode: 'web',
  async setup(global: typeof globalThis, options) {
    const { Blob, File, FormData } = global; // loads undici now, holding Node's File
    const environment = await builtinEnvironments.jsdom.setup(global, options);
    Object.assign(global, { Blob, File, FormData });
    return environment;
  },
};

export default jsdomEnvironmentForVitest;
