/**
 * `video-jobs-mock/msw`: the mock as MSW 2 handlers, for `setupServer` (jest, vitest, Node)
 * and `setupWorker` (a browser, Storybook). msw itself is a peer dependency: bring your own 2.x.
 */
export { createHandlers, type HandlersOptions, type MockHandlers } from './createHandlers.js';
export * from '../inProcessExports.js';
