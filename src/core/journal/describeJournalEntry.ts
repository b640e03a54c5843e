import type { JournalDetail, JournalEntry } from './requestJournal.js';

/** Headers whose values are secrets: the console shows only their start. */
const SECRET_HEADERS = new Set(['authorization', 'x-bf-vk', 'x-mock-admin-token', 'cookie']);

export interface JournalEntryView {
  entry: JournalEntry;
  request: { headers: Record<string, string>; body: unknown };
  /** The response the mock built (for a violation: the body that was held back). */
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  /** For a contract violation: the failing JSON paths; the client got a 500 instead. */
  violation: { problems: string[]; sent: string } | null;
}

/** What `GET /__mock/requests/{id}` answers: the request, the response and why it failed. */
export function describeJournalEntry(entry: JournalEntry, detail: JournalDetail): JournalEntryView {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < detail.requestHeaders.length; i += 2) {
    const name = detail.requestHeaders[i]!.toLowerCase();
    const value = detail.requestHeaders[i + 1]!;
    headers[name] = SECRET_HEADERS.has(name) ? mask(value) : value;
  }
  const response = detail.response;
  const contentType = binary(response?.body) ? response?.headers?.['Content-Type'] : undefined;
  // Judged again here, not when the request ran: the failing paths cost nothing until asked for.
  const verdict = response && entry.validation === 'failed' ? detail.judge?.(response.status, response.body, contentType) : undefined;
  return {
    entry,
    request: { headers, body: shown(detail.requestBody ?? null) },
    response: response ? { status: response.status, headers: { ...response.headers }, body: shown(response.body, contentType) } : null,
    violation: verdict && !verdict.valid ? { problems: verdict.problems, sent: '500 mock_contract_violation' } : null,
  };
}

function binary(body: unknown): body is Uint8Array {
  return body instanceof Uint8Array;
}

/** Bytes (a download, an uploaded file) are described, not dumped. */
function shown(body: unknown, contentType?: string): unknown {
  return binary(body) ? `<${body.byteLength} bytes${contentType ? ` of ${contentType}` : ''}>` : body;
}

function mask(value: string): string {
  return value.length <= 16 ? '…' : `${value.slice(0, 16)}…`;
}
