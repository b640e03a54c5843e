/**
 * What both in-process entry points (`video-jobs-mock/fetch` and `video-jobs-mock/msw`) export
 * besides their own factory: the options, the control object's types, the payloads and the
 * config error, declared once.
 */
export type { FetchHandlerOptions } from './fetch/FetchHandlerOptions.js';
export type { MockControl, PresetOptions } from '../core/control/createControl.js';
export type { FaultRule, Latency, RuleMatch } from '../core/faults/FaultRule.js';
export type { RuleState } from '../core/faults/createFaultEngine.js';
export type { NamedMedia } from '../core/media/mediaLibrary.js';
export type { JournalEntry, JournalEvent } from '../core/journal/requestJournal.js';
export type { Video, VideoList, BifrostError, VideoStatus } from '../core/openapi/payloads.js';
export { ConfigError } from '../core/errors/ConfigError.js';
