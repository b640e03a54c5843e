import { MockError } from '../../core/errors/MockError.js';

const MB = 1024 * 1024;

/** How long a client refused for want of room is asked to wait (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The answers the Node host gives on its own, before or instead of the core: each about the
 * connection or the server's capacity, never about what the request asked for.
 */
export const hostErrors = {
  /** A body (or, from Node, the headers) not received in time: the connection is closed after it. */
  requestTimeout: (reason: string) =>
    new MockError(408, { message: `request timeout: ${reason}; the connection is closed`, type: 'request_timeout' }, { Connection: 'close' }),

  /** The bodies being read already hold the memory budget: this one is drained, not buffered. */
  bodyMemoryBudget: (budgetBytes: number) =>
    new MockError(
      503,
      {
        message: `the mock is already holding ${formatBytes(budgetBytes)} of request bodies being read (its body memory budget); this body was not read, send it again shortly`,
        type: 'mock_body_budget',
      },
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    ),

  /** A connection from the admin reserve, past --max-connections, asked for an API route. */
  connectionReserve: (maxConnections: number) =>
    new MockError(
      503,
      {
        message: `all ${maxConnections} connections the mock allows (--max-connections) are busy; this connection is one kept in reserve for /__mock (admin API, health), so it answers nothing else; retry shortly`,
        type: 'mock_connection_cap',
      },
      { 'Retry-After': String(RETRY_AFTER_SECONDS), Connection: 'close' },
    ),
};

function formatBytes(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`;
}
