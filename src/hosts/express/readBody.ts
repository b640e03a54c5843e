import type { IncomingMessage } from 'node:http';
import { maxBodyBytes, tooLargeReason } from '../../core/pipeline/bodyLimits.js';

export interface ReadBody {
  bytes?: Uint8Array;
  problem?: { kind: 'tooLarge' | 'unreadable'; reason: string };
}

/** Whether the request says it has a body (a length above 0, or chunks). */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Reads a request body in full, within the core's cap for its media type (a multipart body may
 * carry files, anything else is one value). Past the cap nothing more is kept: the rest is
 * drained, so the connection stays usable, and the core answers the 413 in its own order.
 * A body declared longer than the cap is refused before a byte of it is read. Never rejects.
 */
export function readBody(req: IncomingMessage): Promise<ReadBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const max = maxBodyBytes(type);
  const tooLarge = { kind: 'tooLarge' as const, reason: tooLargeReason(type) };
  if (Number(req.headers['content-length'] ?? NaN) > max) {
    req.resume(); // drain it, so the connection stays usable for the next request
    return Promise.resolve({ problem: tooLarge });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: ReadBody) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return; // past the cap: drained, nothing kept
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        return settle({ problem: tooLarge });
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ bytes: Buffer.concat(chunks, size) }));
    req.on('error', (error) => settle({ problem: { kind: 'unreadable', reason: error.message } }));
    req.on('close', () => settle({ problem: { kind: 'unreadable', reason: 'the client closed the connection before the body ended' } }));
  });
}
