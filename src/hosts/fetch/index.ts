/**
 * `video-jobs-mock/fetch`: the mock as a fetch handler, `(Request) => Promise<Response>`, with
 * the bundled spec, providers and media; no Node API, so it runs in browsers and workers too.
 */
export { createFetchHandler, type FetchHandler } from './createFetchHandler.js';
export * from '../inProcessExports.js';
