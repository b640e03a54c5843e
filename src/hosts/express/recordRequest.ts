import type { Request, Response } from 'express';
import type { JournalDetail, JournalEntry, RequestJournal } from '../../core/journal/requestJournal.js';
import type { RequestSource } from '../../core/journal/requestSource.js';

/**
 * The request's journal row, filled in as the request goes, and recorded when its response
 * closes (sent, cut by a network fault, or abandoned by the client).
 */
export function recordRequest(req: Request, res: Response, journal: RequestJournal, started: number, detail: JournalDetail, source: RequestSource) {
  const entry: JournalEntry = {
    id: 0, // numbered by the journal when recorded
    time: new Date().toISOString(),
    method: req.method,
    url: req.originalUrl,
    status: null,
    fault: null,
    validation: 'none',
    durationMs: 0,
    source,
  };
  res.once('close', () => {
    entry.status = res.headersSent ? res.statusCode : null;
    entry.durationMs = Math.round(performance.now() - started);
    journal.record(entry, detail);
  });
  return entry;
}
