// The admin API's wire shapes that both sides read: the server (src/hosts/express) and the console
// page (src/console), which reaches the server only over HTTP and so shares types, never code.

/** One row of the requests journal, as `GET /__mock/requests` and its event stream send it. */
export interface JournalEntry {
  /** Sequence number since the server started; `GET /__mock/requests/{id}` shows its detail. */
  id: number;
  time: string;
  method: string;
  url: string;
  /** null when no response was sent (a network fault, or the client went away). */
  status: number | null;
  fault: string | null;
  validation: 'passed' | 'failed' | 'none';
  durationMs: number;
}
