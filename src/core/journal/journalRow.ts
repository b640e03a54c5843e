import type { JournalDetail, JournalEntry, RequestJournal } from './requestJournal.js';
import type { RequestSource } from './requestSource.js';

/**
 * A request's journal row, filled in as the request goes and recorded when the host says the
 * exchange is over (sent, cut by a network fault, or abandoned by the client).
 */
export interface JournalRow {
  entry: JournalEntry;
  detail: JournalDetail;
  /** Records the row: the status that went out, or null when nothing did. */
  finish(status: number | null): void;
}

export function journalRow(journal: RequestJournal, method: string, url: string, rawHeaders: readonly string[], started: number, source: RequestSource): JournalRow {
  const entry: JournalEntry = {
    id: 0, // numbered by the journal when recorded
    time: new Date().toISOString(),
    method,
    url,
    status: null,
    fault: null,
    validation: 'none',
    durationMs: 0,
    source,
  };
  // References only, for the console's detail view: nothing is copied per request.
  const detail: JournalDetail = { requestHeaders: rawHeaders };
  let finished = false;
  return {
    entry,
    detail,
    finish(status) {
      if (finished) return;
      finished = true;
      entry.status = status;
      entry.durationMs = Math.round(performance.now() - started);
      journal.record(entry, detail);
    },
  };
}
