import type { Response } from 'express';
import type { ErrorContext } from '../../core/errors/toBifrostError.js';
import { judgeResponse, type Judge, type Log } from '../../core/pipeline/judgeResponse.js';
import type { MockResponse } from '../../core/pipeline/MockResponse.js';
import { serializeResponse } from '../../core/pipeline/serializeResponse.js';

/**
 * Sends an answer the Express host makes itself (the admin API's errors, the last-resort
 * handler): judged against the spec like every other response, then written.
 */
export function respond(res: Response, response: MockResponse, judge: Judge, context: ErrorContext, log: Log): boolean {
  const { response: judged, passed } = judgeResponse(response, judge, context, log, `${res.req.method} ${res.req.originalUrl}`);
  const { status, headers, body } = serializeResponse(judged);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (body === undefined) {
    res.end();
  } else {
    res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    res.end(body);
  }
  return passed;
}
