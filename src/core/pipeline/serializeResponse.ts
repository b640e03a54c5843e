import { copyHeaders } from './copyHeaders.js';
import type { MockResponse } from './MockResponse.js';
import { frozenJsonBytes, toJson } from './toJson.js';

/** A response as bytes or text, with its Content-Type: what a host writes. */
export interface SerializedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * Bytes go out as they are, under the Content-Type the handler set (a text type gets
 * `charset=utf-8`, as Express would add); no body stays empty (a 204); anything else is JSON:
 * the UTF-8 bytes of a frozen (shared, cached) body, the text of any other.
 */
export function serializeResponse({ status, body, headers }: MockResponse): SerializedResponse {
  const out = copyHeaders(headers);
  if (body instanceof Uint8Array) {
    const type = out['Content-Type'];
    if (type !== undefined && /^text\//i.test(type) && !/charset=/i.test(type)) out['Content-Type'] = `${type}; charset=utf-8`;
    return { status, headers: out, body };
  }
  if (body === undefined) return { status, headers: out };
  out['Content-Type'] = 'application/json; charset=utf-8';
  const frozen = body !== null && typeof body === 'object' && Object.isFrozen(body);
  return { status, headers: out, body: frozen ? frozenJsonBytes(body) : toJson(body) };
}
