import type { Request } from 'express';

/** What an admin request that threw is answered: each cause in its own words. */
export interface AdminFailure {
  status: number;
  message: string;
  type: string;
  /** A bug of ours, not the caller's: logged with its stack. */
  unexpected?: boolean;
}

/**
 * Turns what reached the admin API's error handler into its answer: the body parser's refusals
 * (not JSON, too large, an unsupported charset, cut off), a path whose percent-encoding is
 * broken, and anything else as an internal error of the mock (never "the body is not valid JSON").
 */
export function adminFailure(error: unknown, req: Request, bodyLimit: string): AdminFailure {
  const at = `${req.method} ${req.originalUrl}`;
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: `${at}: the body is not valid JSON (${describeParseError(error)}); nothing was changed`, type: 'invalid_request_error' };
    case 'entity.too.large':
      return { status: 413, message: `${at}: the body is larger than the admin API's ${bodyLimit}; nothing was changed`, type: 'invalid_request_error' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { status: 415, message: `${at}: ${(error as Error).message}; send UTF-8 JSON, uncompressed; nothing was changed`, type: 'invalid_request_error' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, message: `${at}: the body ended before its Content-Length; nothing was changed`, type: 'invalid_request_error' };
  }
  // Express's router throws a URIError (status 400) for a path parameter it cannot decode.
  if (error instanceof URIError && status === 400) {
    return { status: 400, message: `${at}: the path is not valid percent-encoding (each % must start a UTF-8 byte as two hex digits, e.g. %20)`, type: 'invalid_request_error' };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { status: 500, message: `${at}: internal error in the mock server (${name}); the server log has the details`, type: 'internal_error', unexpected: true };
}

/** The JSON parser's own words, without the stack: where the body stops being JSON. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return message.length > 0 && message.length <= 200 ? message : 'parse error';
}
