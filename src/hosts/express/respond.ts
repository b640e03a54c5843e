import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorContext } from '../../core/errors/toBifrostError.js';
import { judgeResponse, type Judge, type Log } from '../../core/pipeline/judgeResponse.js';
import type { MockResponse } from '../../core/pipeline/MockResponse.js';
import { serializeResponse, type SerializedResponse } from '../../core/pipeline/serializeResponse.js';

/**
 * Sends an answer the Express host makes itself (the admin API's errors, the last-resort
 * handler, a body cut off or refused): judged against the spec like every other response, then
 * written.
 */
export function respond(res: ServerResponse, response: MockResponse, judge: Judge, context: ErrorContext, log: Log): boolean {
  const { serialized, passed } = judged(res.req, response, judge, context, log);
  const { status, headers, body } = serialized;
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

/** The same answer as raw HTTP/1.1 bytes, for a socket Node no longer gives a response object for. */
export function rawResponse(req: IncomingMessage | undefined, response: MockResponse, judge: Judge, log: Log, reason: string): string {
  const { status, headers, body = '' } = judged(req, response, judge, {}, log).serialized;
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8'); // error bodies are JSON text
  const all = { ...headers, 'X-Content-Type-Options': 'nosniff', 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' };
  const lines = [`HTTP/1.1 ${status} ${reason}`, ...Object.entries(all).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n${text}`;
}

function judged(req: IncomingMessage | undefined, response: MockResponse, judge: Judge, context: ErrorContext, log: Log): { serialized: SerializedResponse; passed: boolean } {
  const where = req ? `${req.method ?? '?'} ${(req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? ''}` : '(a request Node cut off)';
  const { response: out, passed } = judgeResponse(response, judge, context, log, where);
  return { serialized: serializeResponse(out), passed };
}
