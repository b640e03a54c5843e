import type { BifrostError } from '../openapi/payloads.js';
import type { MockError } from './MockError.js';

export interface ErrorContext {
  provider?: string;
  requestType?: string;
}

/** The one place a MockError becomes a BifrostError body (gateway shape, status mirrored). */
export function toBifrostError(error: MockError, context: ErrorContext = {}): BifrostError {
  const eventId = `evt_${crypto.randomUUID()}`;
  const { message, type, code, param, isBifrostError = true } = error.detail;
  const extraFields: BifrostError['extra_fields'] = {};
  if (context.provider !== undefined) extraFields.provider = context.provider;
  if (context.requestType !== undefined) extraFields.request_type = context.requestType;
  return {
    event_id: eventId,
    is_bifrost_error: isBifrostError,
    status_code: error.status,
    error: {
      ...(type !== undefined && { type }),
      ...(code !== undefined && { code }),
      message,
      ...(param !== undefined && { param }),
      event_id: eventId,
    },
    extra_fields: extraFields,
  };
}
