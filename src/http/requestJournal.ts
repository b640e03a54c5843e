export interface JournalEntry {
  time: string;
  method: string;
  url: string;
  /** null when no response was sent (a network fault, or the client went away). */
  status: number | null;
  fault: string | null;
  validation: 'passed' | 'failed' | 'none';
  durationMs: number;
}

export interface RequestJournal {
  record(entry: JournalEntry): void;
  /** Oldest first. */
  entries(): JournalEntry[];
  clear(): void;
  readonly capacity: number;
}

/** A ring buffer: the journal never grows past `capacity`, however long the server runs. */
export function createRequestJournal(capacity = 1000): RequestJournal {
  const ring: JournalEntry[] = new Array<JournalEntry>(capacity);
  let next = 0;
  let size = 0;
  return {
    capacity,
    record(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    entries() {
      const start = (next - size + capacity) % capacity;
      return Array.from({ length: size }, (_, i) => ring[(start + i) % capacity] as JournalEntry);
    },
    clear() {
      next = 0;
      size = 0;
      ring.fill(undefined as unknown as JournalEntry);
    },
  };
}
