// The named export: the package's types are CommonJS, its ESM entry gives the class under both names.
import { TestEnvironment as JSDOMEnvironment } from 'jest-environment-jsdom';

/**
 * Node's Fetch API and what it is made of, handed into jsdom's window. jsdom has no fetch,
 * Request, Response or streams, and its own Blob, File and FormData are classes Node's fetch
 * does not understand (an uploaded File would be dropped from the body without a word). Each
 * of these was measured necessary for MSW's interceptors and the `openai` client; Headers and
 * ReadableStream keep the set one implementation.
 *
 * Left as jsdom's on purpose: AbortController and AbortSignal (jsdom's
 * `addEventListener(type, listener, { signal })` refuses Node's, and Node's fetch takes
 * jsdom's), URL, and everything the DOM itself needs.
 */
const NODE_FETCH_GLOBALS = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'File',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'TextEncoder',
  'TextDecoder',
  'BroadcastChannel',
] as const;

/**
 * jest-environment-jsdom, made able to run MSW's `setupServer` (`msw/node`) and fetch-based
 * clients: `testEnvironment: 'video-jobs-mock/jest-environment-jsdom'` in the jest config, or
 * `@jest-environment video-jobs-mock/jest-environment-jsdom` in a test file's docblock.
 * Built on jest-environment-jsdom 30, which the project installs itself (it is not a peer
 * dependency: a narrow optional peer makes npm refuse to install this package beside another
 * version, even for a project that only wants the server).
 */
export default class JsdomEnvironmentForJest extends JSDOMEnvironment {
  constructor(...args: ConstructorParameters<typeof JSDOMEnvironment>) {
    super(...args);
    // jsdom's default ['browser'] condition makes `msw/node` and its interceptors load their
    // browser builds, which cannot intercept Node's fetch. A project's own
    // `testEnvironmentOptions.customExportConditions` still wins over this.
    this.customExportConditions = [''];
    for (const name of NODE_FETCH_GLOBALS) Object.defineProperty(this.global, name, { value: globalThis[name], writable: true, configurable: true });
  }
}

/** The name jest also looks for in an environment module. */
export const TestEnvironment = JsdomEnvironmentForJest;
