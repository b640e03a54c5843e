/**
 * `video-jobs-mock/fetch`: the mock as a fetch handler, `(Request) => Promise<Response>`, with
 * the bundled spec, providers and media; no Node API, so it runs in browsers and workers too.
 */
export { createFetchHandler, type FetchHandler } from './createFetchHandler.js';
export type { FetchHandlerOptions } from './FetchHandlerOptions.js';
export type { MockControl, PresetOptions } from '../../core/control/createControl.js';
export type { FaultRule, Latency, RuleMatch } from '../../core/faults/FaultRule.js';
export type { RuleState } from '../../core/faults/createFaultEngine.js';
export type { NamedMedia } from '../../core/media/mediaLibrary.js';
export type { JournalEntry, JournalEvent } from '../../core/journal/requestJournal.js';
export type { Video, VideoList, BifrostError, VideoStatus } from '../../core/openapi/payloads.js';
export { ConfigError } from '../../core/errors/ConfigError.js';
