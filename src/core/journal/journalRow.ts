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

/** The last instant formatted, and its text: requests in the same millisecond share one toISOString. */
let formattedMs = NaN;
let formatted = '';

/** Now as ISO 8601, formatted at most once a millisecond (a quarter of a request's journal cost at ~10 per ms). */
function isoNow(): string {
  const now = Date.now();
  if (now !== formattedMs) {
    formattedMs = now;
    formatted = new Date(now).toISOString();
  }
  return formatted;
}

export function journalRow(journal: RequestJournal, method: string, url: string, rawHeaders: readonly string[], started: number, source: RequestSource): JournalRow {
  const entry: JournalEntry = {
    id: 0, // numbered by the journal when recorded
    time: isoNow(),
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
