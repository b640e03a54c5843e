import type { Request, Response, Router } from 'express';
import { describeJournalEntry } from '../../../core/journal/describeJournalEntry.js';
import { JournalFilterError, matchesJournalFilter, parseJournalFilter, type JournalFilter } from '../../../core/journal/journalFilter.js';
import type { RequestJournal } from '../../../core/journal/requestJournal.js';
import type { ShutdownState } from '../shutdownState.js';
import { MAX_JOURNAL_STREAMS, openJournalStream } from './journalStream.js';
import type { Fail } from './writeRoute.js';

/**
 * The requests journal: `GET /__mock/requests` (filtered by `?source=`, `?key=`, `?origin=`),
 * its live stream (same filters) and one request in full.
 */
export function journalRoutes(router: Router, journal: RequestJournal, { fail, shutdown }: { fail: Fail; shutdown: ShutdownState }): void {
  /** The request's filter, or undefined once a refusal naming the parameter was sent. */
  const filterOf = (req: Request, res: Response): JournalFilter | undefined => {
    try {
      return parseJournalFilter(new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
    } catch (error) {
      if (!(error instanceof JournalFilterError)) throw error;
      fail(res, 400, `GET ${req.originalUrl}: ${error.message}`, 'invalid_request_error');
      return undefined;
    }
  };
  router.get('/requests', (req, res) => {
    const filter = filterOf(req, res);
    if (!filter) return;
    res.json({ capacity: journal.capacity, requests: journal.entries().filter((entry) => matchesJournalFilter(entry, filter)) });
  });
  router.get('/requests/stream', (req, res) => {
    const filter = filterOf(req, res);
    if (!filter) return;
    if (!openJournalStream(req, res, journal, shutdown, filter)) {
      fail(res, 503, `admin API: at most ${MAX_JOURNAL_STREAMS} journal streams at once; close one and retry`, 'admin_busy');
    }
  });
  router.get('/requests/:id', (req, res) => {
    const id = String(req.params['id']);
    const found = /^\d{1,15}$/.test(id) ? journal.detail(Number(id)) : undefined;
    if (!found) {
      return fail(res, 404, `GET ${req.originalUrl}: no detail kept for this request (only the newest ${journal.detailCapacity} keep theirs)`, 'not_found');
    }
    res.json(describeJournalEntry(found.entry, found.detail));
  });
}
