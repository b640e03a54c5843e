import type { IncomingMessage } from 'node:http';
import { maxBodyBytes, tooLargeReason } from '../../core/pipeline/bodyLimits.js';
import type { BodyMemoryBudget } from './bodyMemoryBudget.js';

export interface ReadBody {
  bytes?: Uint8Array;
  problem?: { kind: 'tooLarge' | 'unreadable'; reason: string };
  /** The body memory budget had no room for it: nothing was kept, the rest is drained. */
  overBudget?: true;
  /** Gives the body's bytes back to the budget: call it once the request is answered. */
  release(): void;
}

/** Whether the request says it has a body (a length above 0, or chunks). */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

const nothingHeld = () => undefined;
const CLOSED_EARLY = 'the client closed the connection before the body ended';

/**
 * Reads a request body in full, within the core's cap for its media type (a multipart body may
 * carry files, anything else is one value) and within the memory budget shared by every body
 * being read. Past the cap nothing more is kept: the rest is drained, so the connection stays
 * usable, and the core answers the 413 in its own order. A body declared longer than the cap is
 * refused before a byte of it is read; one the budget has no room for (by its Content-Length
 * beside what is held now, or as its bytes arrive) is drained too and reported `overBudget`. Never rejects.
 * (The chunks are joined once the body is complete: copying each into one buffer allocated up
 * front made the resident memory of a server taking 4 MB uploads grow without end.)
 */
export function readBody(req: IncomingMessage, budget: BodyMemoryBudget): Promise<ReadBody> {
  // Gone already (its body was left in Node's buffer until the end of its turn): no event will come.
  if (req.destroyed) return Promise.resolve({ problem: { kind: 'unreadable', reason: CLOSED_EARLY }, release: nothingHeld });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const max = maxBodyBytes(type);
  const tooLarge = { kind: 'tooLarge' as const, reason: tooLargeReason(type) };
  const declared = Number(req.headers['content-length'] ?? NaN);
  const known = Number.isSafeInteger(declared) && declared >= 0;
  if (declared > max) return drained({ problem: tooLarge, release: nothingHeld }, req);
  // Refused before it is read when it cannot fit now; else it takes its share as it arrives.
  if (known && !budget.fits(declared)) return drained({ overBudget: true, release: nothingHeld }, req);
  let held = 0;
  const release = () => {
    budget.giveBack(held);
    held = 0;
  };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Omit<ReadBody, 'release'>) => {
      if (settled) return;
      settled = true;
      // A body refused or cut off is dropped at once, and its share of the budget with it.
      if (result.bytes === undefined) {
        chunks.length = 0;
        release();
      }
      // Field by field, not a spread of `result`: see core/pipeline/copyHeaders.
      const read: ReadBody = { release };
      if (result.bytes !== undefined) read.bytes = result.bytes;
      if (result.problem !== undefined) read.problem = result.problem;
      if (result.overBudget) read.overBudget = true;
      resolve(read);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return; // refused: drained, nothing kept
      if (size + chunk.length > max) return settle({ problem: tooLarge });
      if (!budget.take(chunk.length)) return settle({ overBudget: true });
      held += chunk.length;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      const bytes = Buffer.concat(chunks, size);
      chunks.length = 0; // joined: the chunks go now, not when the request is collected
      settle({ bytes });
    });
    req.on('error', (error) => settle({ problem: { kind: 'unreadable', reason: error.message } }));
    req.on('close', () => settle({ problem: { kind: 'unreadable', reason: CLOSED_EARLY } }));
  });
}

function drained(result: ReadBody, req: IncomingMessage): Promise<ReadBody> {
  req.resume(); // drain it, so the connection stays usable for the next request
  return Promise.resolve(result);
}
