import type { JournalDetail, JournalEntry } from './requestJournal.js';
import { maskKey } from './requestSource.js';

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
    headers[name] = SECRET_HEADERS.has(name) ? mask(name, value) : value;
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

/**
 * JSON nested deeper than this is cut in the detail view: a client may send a body nested
 * 40,000 levels deep, which the parser takes but no JSON writer (nor a reader) can follow.
 */
export const MAX_SHOWN_DEPTH = 64;

/** Bytes (a download, an uploaded file) are described, not dumped; deep JSON is cut. */
function shown(body: unknown, contentType?: string): unknown {
  if (binary(body)) return `<${body.byteLength} bytes${contentType ? ` of ${contentType}` : ''}>`;
  return nestsDeeper(body, MAX_SHOWN_DEPTH) ? cut(body, MAX_SHOWN_DEPTH) : body;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object' && !binary(value);
}

/** Whether `value` has containers more than `levels` deep (the walk stops there). */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (!isContainer(value)) return false;
  if (levels === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (nestsDeeper(child, levels - 1)) return true;
  }
  return false;
}

/** A copy of `value` down to `levels`; what lies deeper is replaced by a note saying so. */
function cut(value: unknown, levels: number): unknown {
  if (!isContainer(value)) return value;
  if (levels === 0) return `<nested deeper than ${MAX_SHOWN_DEPTH} levels: not shown>`;
  if (Array.isArray(value)) return value.map((child) => cut(child, levels - 1));
  // No prototype: a body's own "__proto__" key stays a key, as JSON.parse made it.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [name, child] of Object.entries(value)) copy[name] = cut(child, levels - 1);
  return copy;
}

/**
 * Keys are masked as the journal's source shows them (`sk-bf-…1a2b`), so the two views
 * together never reveal more than either; other secrets show only their start.
 */
function mask(name: string, value: string): string {
  if (name === 'x-bf-vk') return maskKey(value.trim());
  const bearer = name === 'authorization' ? /^(Bearer\s+)(\S+)\s*$/i.exec(value) : null;
  if (bearer) return `${bearer[1]}${maskKey(bearer[2]!)}`;
  return value.length <= 16 ? '…' : `${value.slice(0, 16)}…`;
}
