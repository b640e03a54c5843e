import type { JournalEntry } from '../../shared/journalEntry.js';

export type { JournalEntry };

/**
 * What a click on a journal row shows. Held by reference only (the request's raw header list,
 * the body the mock built): recording costs no copy and no serialization.
 */
export interface JournalDetail {
  requestHeaders: readonly string[];
  requestBody?: unknown;
  response?: { status: number; body: unknown; headers?: Record<string, string> };
  /** Re-judges the response on demand, for the failing JSON paths of a contract violation. */
  judge?: (status: number, body: unknown, contentType?: string) => { valid: boolean; problems: string[] };
}

export type JournalEvent = { kind: 'entry'; entry: JournalEntry } | { kind: 'clear' };

export interface RequestJournal {
  /** Numbers the entry (sets its `id`) and keeps it. */
  record(entry: JournalEntry, detail?: JournalDetail): JournalEntry;
  /** Oldest first. */
  entries(): JournalEntry[];
  /** The detail of a recent request; only the newest `detailCapacity` keep theirs. */
  detail(id: number): { entry: JournalEntry; detail: JournalDetail } | undefined;
  clear(): void;
  /** Called for every new entry and every clear; returns the unsubscribe function. */
  subscribe(listener: (event: JournalEvent) => void): () => void;
  readonly subscribers: number;
  readonly capacity: number;
  readonly detailCapacity: number;
}

/** Bodies are the large part of a detail (a page of 100 jobs is ~50 KB): keep fewer of them. */
export const DEFAULT_DETAIL_CAPACITY = 100;
/** The most requests a journal may be asked to keep (each holds its row; the newest 100 their bodies too). */
export const MAX_JOURNAL_SIZE = 1_000_000;

/**
 * A request body larger than this (as sent) is not kept in its detail, only described: 100
 * details of multipart bodies at their caps would otherwise hold hundreds of MB.
 */
export const MAX_DETAIL_BODY_BYTES = 64 * 1024;

/** What a detail keeps of a request body of `bytes` bytes decoded as `value`. */
export function keptRequestBody(value: unknown, bytes: number): unknown {
  if (bytes <= MAX_DETAIL_BODY_BYTES) return value;
  return `<request body of ${bytes} bytes: not kept (the journal keeps bodies up to ${MAX_DETAIL_BODY_BYTES / 1024} KB)>`;
}

/**
 * A ring buffer: the journal never grows past `capacity` entries, and past `detailCapacity`
 * details, however long the server runs. With nobody subscribed, recording notifies no one.
 */
export function createRequestJournal(capacity = 1000, detailCapacity = Math.min(capacity, DEFAULT_DETAIL_CAPACITY)): RequestJournal {
  const ring: JournalEntry[] = new Array<JournalEntry>(capacity);
  const details = new Map<number, JournalDetail>();
  const listeners = new Set<(event: JournalEvent) => void>();
  let next = 0;
  let size = 0;
  let nextId = 1;
  const notify = (event: JournalEvent) => {
    for (const listener of listeners) listener(event);
  };
  return {
    capacity,
    detailCapacity,
    get subscribers() {
      return listeners.size;
    },
    record(entry, detail) {
      entry.id = nextId++;
      ring[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      if (detail && detailCapacity > 0) {
        details.set(entry.id, detail);
        details.delete(entry.id - detailCapacity);
      }
      if (listeners.size > 0) notify({ kind: 'entry', entry });
      return entry;
    },
    entries() {
      const start = (next - size + capacity) % capacity;
      return Array.from({ length: size }, (_, i) => ring[(start + i) % capacity] as JournalEntry);
    },
    detail(id) {
      const detail = details.get(id);
      if (!detail) return undefined;
      const entry = this.entries().find((e) => e.id === id);
      return entry && { entry, detail };
    },
    clear() {
      next = 0;
      size = 0;
      ring.fill(undefined as unknown as JournalEntry);
      details.clear();
      if (listeners.size > 0) notify({ kind: 'clear' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
