/**
 * `video-jobs-mock/msw`: the mock as MSW 2 handlers, for `setupServer` (jest, vitest, Node)
 * and `setupWorker` (a browser, Storybook). msw itself is a peer dependency: bring your own 2.x.
 */
export { createHandlers, type HandlersOptions, type MockHandlers } from './createHandlers.js';
export type { FetchHandlerOptions } from '../fetch/FetchHandlerOptions.js';
export type { MockControl, PresetOptions } from '../../core/control/createControl.js';
export type { FaultRule, Latency, RuleMatch } from '../../core/faults/FaultRule.js';
export type { RuleState } from '../../core/faults/createFaultEngine.js';
export type { NamedMedia } from '../../core/media/mediaLibrary.js';
export type { JournalEntry, JournalEvent } from '../../core/journal/requestJournal.js';
export type { Video, VideoList, BifrostError, VideoStatus } from '../../core/openapi/payloads.js';
export { ConfigError } from '../../core/errors/ConfigError.js';
