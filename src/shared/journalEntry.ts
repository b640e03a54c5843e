// The admin API's wire shapes that both sides read: the server (src/hosts/express) and the console
// page (src/console), which reaches the server only over HTTP and so shares types, never code.

/**
 * Who sent a request: the mock's own console (its API client sends `X-Mock-Source: console`), or
 * an app, known by its key (masked) and, for a browser app, its page's `Origin`.
 */
export type RequestSource =
  | { kind: 'console' }
  | {
      kind: 'app';
      /** The key the request carried, masked (`sk-bf-…1a2b`); absent when it sent none. */
      key?: string;
      /** The `Origin` header of a browser app's request (absent for servers, curl, SDKs). */
      origin?: string;
    };

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
  source: RequestSource;
}
