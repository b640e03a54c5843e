import type { Request, Response } from 'express';
import { isEmptyFilter, matchesJournalFilter, type JournalFilter } from '../../../core/journal/journalFilter.js';
import type { JournalEvent, RequestJournal } from '../../../core/journal/requestJournal.js';
import type { ShutdownState } from '../shutdownState.js';

/** At most this many live journal streams at once; more are refused with a 503. */
export const MAX_JOURNAL_STREAMS = 16;
/** A reader this far behind is dropped (it reconnects and gets a fresh snapshot). */
export const MAX_STREAM_BACKLOG_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /__mock/requests/stream`: server-sent events. First a `snapshot` of the journal, then one
 * `entry` event per finished request and a `clear` event on reset. The journal notifies only
 * while someone is subscribed, so the API's requests pay nothing when nobody watches. A filter
 * (see journalFilter) narrows the snapshot and the entries alike. Returns false when the stream cap is reached (the caller answers 503).
 */
export function openJournalStream(req: Request, res: Response, journal: RequestJournal, shutdown: ShutdownState, filter: JournalFilter = {}): boolean {
  if (journal.subscribers >= MAX_JOURNAL_STREAMS) return false;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  });
  const send = (event: string, data: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (res.writableLength > MAX_STREAM_BACKLOG_BYTES) res.destroy();
  };
  res.write('retry: 1000\n\n');
  const everything = isEmptyFilter(filter);
  const requests = journal.entries();
  send('snapshot', { capacity: journal.capacity, requests: everything ? requests : requests.filter((entry) => matchesJournalFilter(entry, filter)) });
  const unsubscribe = journal.subscribe((event: JournalEvent) => {
    if (event.kind === 'clear') send('clear', {});
    else if (everything || matchesJournalFilter(event.entry, filter)) send('entry', event.entry);
  });
  // A comment line now and then keeps proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  // A stream never ends on its own: closing the server drops it rather than waiting for it.
  shutdown.hold(req.socket);
  return true;
}
