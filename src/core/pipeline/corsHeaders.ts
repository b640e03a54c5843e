/** Response headers a browser app on another origin may read: the poll hint, byte ranges, retry advice, the provider's request id. */
const EXPOSED = 'Retry-After,openai-poll-after-ms,Content-Range,Accept-Ranges,x-request-id';
const METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';
/** Browsers may keep a preflight's answer this long (seconds). */
const PREFLIGHT_MAX_AGE = '600';

/**
 * Browser apps on any origin may call the API itself (it needs a key anyway): the request's
 * origin is allowed back, without credentials, as the `cors` package with `origin: true` did.
 */
export function corsHeaders(origin: string | undefined, headers: Record<string, string>): void {
  headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Origin` : 'Origin';
  if (origin === undefined) return;
  headers['Access-Control-Allow-Origin'] = origin;
  headers['Access-Control-Expose-Headers'] = EXPOSED;
}

/** The answer to a preflight (any OPTIONS): every method, the headers it asked for. */
export function preflightHeaders(origin: string | undefined, requestHeaders: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (origin !== undefined) headers['Access-Control-Allow-Origin'] = origin;
  headers['Vary'] = requestHeaders === undefined ? 'Origin' : 'Origin, Access-Control-Request-Headers';
  headers['Access-Control-Allow-Methods'] = METHODS;
  if (requestHeaders !== undefined) headers['Access-Control-Allow-Headers'] = requestHeaders;
  headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE;
  return headers;
}
