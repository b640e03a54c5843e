import type { RequestSource } from '../../shared/journalEntry.js';
import { presentedKey } from '../pipeline/authenticate.js';

export type { RequestSource };

/** The request headers that say who sent it, as they arrived (undefined when absent). */
export interface SourceHeaders {
  /** `X-Mock-Source`: the console's own API client sends `console`. */
  mockSource: string | undefined;
  authorization: string | undefined;
  /** `x-bf-vk`, the gateway's virtual-key header (it wins over `Authorization`, as in auth). */
  virtualKey: string | undefined;
  origin: string | undefined;
}

/** Origins longer than this are cut: the journal keeps 1,000 entries, whatever clients send. */
export const MAX_ORIGIN_LENGTH = 200;

const CONSOLE: RequestSource = Object.freeze({ kind: 'console' });

/**
 * Who sent a request: the console, or an app known by its key (masked) and its page's Origin.
 * Pure, and cheap enough for every request: a few string reads, no allocation for the console.
 */
export function requestSource({ mockSource, authorization, virtualKey, origin }: SourceHeaders): RequestSource {
  if (mockSource !== undefined && mockSource.trim().toLowerCase() === 'console') return CONSOLE;
  const key = presentedKey({ authorization, virtualKey });
  const source: RequestSource = { kind: 'app' };
  if (key) source.key = maskKey(key);
  if (origin) source.origin = origin.length > MAX_ORIGIN_LENGTH ? `${origin.slice(0, MAX_ORIGIN_LENGTH)}…` : origin;
  return source;
}

/**
 * A key as the journal shows it: enough to tell keys apart, never enough to use one.
 * `sk-bf-0123456789abcdef` → `sk-bf-…cdef`; a short key keeps only its last 2 characters.
 */
export function maskKey(key: string): string {
  if (key.length >= 12) return `${key.slice(0, 6)}…${key.slice(-4)}`;
  return key.length >= 6 ? `…${key.slice(-2)}` : '…';
}
