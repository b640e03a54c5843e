import type { JournalEntry } from '../../shared/journalEntry.js';
import { maskKey } from './requestSource.js';

/** Which journal entries `GET /__mock/requests` (and its stream) send: every condition must hold. */
export interface JournalFilter {
  /** `console`: the console's own requests; `app`: every other. */
  source?: 'console' | 'app';
  /** The key, masked as the journal shows it. */
  key?: string;
  origin?: string;
}

/** A refused filter; `param` is the query parameter at fault. */
export class JournalFilterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'JournalFilterError';
  }
}

const PARAMS = ['source', 'key', 'origin'];

/**
 * Reads `?source=console|app`, `?key=` (the key itself or its masked form, `sk-bf-…1a2b`; `...`
 * reads as `…`) and `?origin=`. Anything else, a repeated or an empty parameter is refused:
 * a misspelt filter must not quietly answer the whole journal.
 */
export function parseJournalFilter(query: URLSearchParams): JournalFilter {
  const filter: JournalFilter = {};
  for (const name of new Set(query.keys())) {
    if (!PARAMS.includes(name)) throw new JournalFilterError(name, `${name}: unknown parameter (the journal filters by ${PARAMS.join(', ')})`);
    const values = query.getAll(name);
    if (values.length > 1) throw new JournalFilterError(name, `${name}: given ${values.length} times; give it once`);
    const value = values[0]!.trim();
    if (value === '') throw new JournalFilterError(name, `${name}: empty; leave it out to see every request`);
    if (name === 'source') {
      if (value !== 'console' && value !== 'app') throw new JournalFilterError(name, `source: "${value}" is neither console nor app`);
      filter.source = value;
    } else if (name === 'key') {
      const masked = value.replace('...', '…');
      filter.key = masked.includes('…') ? masked : maskKey(value);
    } else {
      filter.origin = value;
    }
  }
  return filter;
}

export function matchesJournalFilter({ source }: JournalEntry, filter: JournalFilter): boolean {
  if (filter.source !== undefined && source.kind !== filter.source) return false;
  if (filter.key !== undefined && (source.kind !== 'app' || source.key !== filter.key)) return false;
  if (filter.origin !== undefined && (source.kind !== 'app' || source.origin !== filter.origin)) return false;
  return true;
}

/** Whether the filter lets everything through (the stream then tests nothing per entry). */
export function isEmptyFilter(filter: JournalFilter): boolean {
  return filter.source === undefined && filter.key === undefined && filter.origin === undefined;
}
