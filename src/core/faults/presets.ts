import { errors } from '../errors/catalog.js';
import { MockError } from '../errors/MockError.js';
import { MAX_LATENCY_MS } from './FaultRule.js';

/** What a fault does to a request instead of (or before) the normal response. */
export type NetworkFault =
  | { kind: 'reset' } // socket reset, no response
  | { kind: 'empty' } // connection closed without a byte
  | { kind: 'hang' } // never answers; the client has to give up
  | { kind: 'slow'; ms: number }; // the normal response, late

export type FaultEffect = { kind: 'error'; error: MockError } | NetworkFault;

export interface PresetContext {
  provider?: string | undefined;
  /** The request type, for `unsupported_operation` (default video_list). */
  requestType?: string | undefined;
}

/** Gateway- and provider-shaped errors, per shared/gateway-facts.md. */
const httpPresets: Record<string, (context: PresetContext) => MockError> = {
  virtual_key_required: () => errors.virtualKeyRequired(),
  virtual_key_not_found: () => errors.virtualKeyNotFound(),
  virtual_key_blocked: () =>
    new MockError(403, { message: 'virtual key is blocked', type: 'virtual_key_blocked' }),
  budget_exceeded: () =>
    new MockError(402, {
      message: 'budget exceeded: the virtual key has used its budget for this period',
      type: 'budget_exceeded',
    }),
  rate_limited: () =>
    new MockError(
      429,
      { message: 'rate limit exceeded: request limit reached for this virtual key', type: 'rate_limited' },
      { 'Retry-After': '1' },
    ),
  provider_rate_limited: () =>
    new MockError(
      429,
      {
        message:
          'Rate limit reached for sora-2 in organization org-mock on requests per min (RPM): Limit 50, Used 50, Requested 1. Please try again in 1.2s.',
        type: 'requests',
        code: 'rate_limit_exceeded',
        isBifrostError: false,
      },
      { 'Retry-After': '1' },
    ),
  provider_error: () =>
    new MockError(500, {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: 'server_error',
      isBifrostError: false,
    }),
  bad_gateway: () =>
    new MockError(502, {
      message: 'bad gateway: the provider returned an invalid response',
      type: 'bad_gateway',
    }),
  provider_unavailable: () =>
    new MockError(503, {
      message: 'The service is temporarily unavailable. Please try again later.',
      type: 'service_unavailable',
      code: 'service_unavailable',
      isBifrostError: false,
    }),
  gateway_timeout: () =>
    new MockError(504, {
      message: 'gateway timeout: the provider did not answer in time',
      type: 'timeout',
    }),
  unsupported_operation: ({ provider, requestType }) => errors.unsupportedOperation(provider ?? 'this', requestType),
  not_found: () => new MockError(404, { message: 'video not found', type: 'not_found' }),
};

const networkPresets: Record<string, NetworkFault> = {
  reset: { kind: 'reset' },
  empty: { kind: 'empty' },
  hang: { kind: 'hang' },
};

/** Preset picked for `Prefer: code=<status>` (Prism's convention). */
const presetByStatus: Record<number, string> = {
  400: 'unsupported_operation',
  401: 'virtual_key_required',
  402: 'budget_exceeded',
  403: 'virtual_key_blocked',
  404: 'not_found',
  429: 'rate_limited',
  500: 'provider_error',
  502: 'bad_gateway',
  503: 'provider_unavailable',
  504: 'gateway_timeout',
};

export const presetNames: readonly string[] = [
  ...Object.keys(httpPresets),
  ...Object.keys(networkPresets),
  'slow:<ms>',
];

const SLOW = /^slow:(\d{1,6})$/;

// Own properties only: names like "toString" or "__proto__" are not presets.
export function isPresetName(name: string): boolean {
  return Object.hasOwn(httpPresets, name) || Object.hasOwn(networkPresets, name) || slowMs(name) !== undefined;
}

/** Presets that answer with an HTTP error (and so may carry extra headers). */
export function isErrorPreset(name: string): boolean {
  return Object.hasOwn(httpPresets, name);
}

function slowMs(name: string): number | undefined {
  const ms = Number(SLOW.exec(name)?.[1] ?? NaN);
  return ms <= MAX_LATENCY_MS ? ms : undefined;
}

/** The effect of a preset by name, or undefined if there is no such preset. */
export function presetEffect(name: string, context: PresetContext): FaultEffect | undefined {
  if (Object.hasOwn(httpPresets, name)) return { kind: 'error', error: httpPresets[name]!(context) };
  if (Object.hasOwn(networkPresets, name)) return networkPresets[name];
  const ms = slowMs(name);
  return ms === undefined ? undefined : { kind: 'slow', ms };
}

export function presetForStatus(status: number): string | undefined {
  return Object.hasOwn(presetByStatus, status) ? presetByStatus[status] : undefined;
}
