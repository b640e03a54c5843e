import { maxBodyBytes, tooLargeReason } from '../../core/pipeline/bodyLimits.js';
import type { MockRequest } from '../../core/pipeline/MockExchange.js';

export type ReadBody = Pick<MockRequest, 'body' | 'bodyProblem'>;

const ABORTED: ReadBody = { bodyProblem: { kind: 'unreadable', reason: 'the request was aborted before its body was read' } };

/**
 * Reads a fetch Request's body in full, within the core's cap for its media type (as the
 * server does): a body declared longer is refused unread, and a stream that runs past the cap
 * is cancelled there, nothing of it kept; the core answers the 413 in its own order. An empty
 * body is no body. An abort of the request's signal cancels the stream at once, however it
 * stalls, and the body is unreadable (the core decides, the host then rejects with the signal's
 * reason, and the journal hears the request ended unanswered). Never rejects.
 */
export async function readRequestBody(request: Request): Promise<ReadBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const max = maxBodyBytes(type);
  const tooLarge = { bodyProblem: { kind: 'tooLarge' as const, reason: tooLargeReason(type) } };
  const stream = request.body;
  if (stream === null) return {};
  if (Number(request.headers.get('content-length') ?? NaN) > max) {
    await stream.cancel().catch(() => undefined);
    return tooLarge;
  }
  const reader = stream.getReader();
  const { signal } = request;
  // Cancelling settles a pending read as done: the loop ends, and the check after it tells why.
  const cancelOnAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  if (signal.aborted) cancelOnAbort();
  else signal.addEventListener('abort', cancelOnAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return ABORTED;
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (signal.aborted) return ABORTED;
    return { bodyProblem: { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) } };
  } finally {
    signal.removeEventListener('abort', cancelOnAbort);
  }
  if (size === 0) return {};
  if (chunks.length === 1) return { body: chunks[0]! };
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body };
}
