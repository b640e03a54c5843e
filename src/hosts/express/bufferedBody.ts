import type { IncomingMessage } from 'node:http';

/**
 * A body up to this size is taken whole from Node's buffer when its request is decided, at the
 * end of the turn it came in (see TurnBatch), instead of being read as a stream. Such a body
 * nearly always arrives in the same read as its headers: Node has parsed all of it by then, and
 * holds it whether anyone listens or not. Taking it costs one `read()`; streaming it cost a
 * promise, four listeners, the body's deadlines and 'end' events, about 7 µs of a create's
 * ~60 µs of CPU in alternating runs on the bench machine. Below the request stream's 16 KB
 * high-water mark, so Node never pauses the connection for it. A body not whole by then (a
 * slow client, one split across reads) is read as a stream from there, with its deadlines.
 */
export const BUFFERED_BODY_MAX_BYTES = 8 * 1024;

/** The declared length of a body small enough to be taken whole (see takeBufferedBody); undefined otherwise. */
export function bufferableLength(req: IncomingMessage): number | undefined {
  if (req.headers['transfer-encoding'] !== undefined) return undefined;
  const length = Number(req.headers['content-length']);
  return length > 0 && length <= BUFFERED_BODY_MAX_BYTES ? length : undefined;
}

/**
 * The body of `length` bytes, when all of it is in Node's buffer and its request is still open;
 * undefined when it is not (yet), and nothing is read then.
 */
export function takeBufferedBody(req: IncomingMessage, length: number): Buffer | undefined {
  if (!req.complete || req.destroyed || req.readableLength !== length) return undefined;
  return (req.read() as Buffer | null) ?? undefined;
}
