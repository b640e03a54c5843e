import { JournalFilterError, matchesJournalFilter, parseJournalFilter } from '../../../src/core/journal/journalFilter.js';
import type { JournalEntry, RequestSource } from '../../../src/shared/journalEntry.js';

const entry = (source: RequestSource): JournalEntry => ({ id: 1, time: '2026-01-15T12:00:00.000Z', method: 'GET', url: '/v1/videos', status: 200, fault: null, validation: 'passed', durationMs: 1, source });
const consoleEntry = entry({ kind: 'console' });
const curl = entry({ kind: 'app', key: 'sk-bf-…cdef' });
const browser = entry({ kind: 'app', key: 'sk-bf-…cdef', origin: 'http://localhost:5173' });
const anonymous = entry({ kind: 'app' });
const all = [consoleEntry, curl, browser, anonymous];

const filtered = (query: string) => {
  const filter = parseJournalFilter(new URLSearchParams(query));
  return all.filter((e) => matchesJournalFilter(e, filter));
};

describe('the journal filter', () => {
  test.each([
    ['', all],
    ['source=console', [consoleEntry]],
    ['source=app', [curl, browser, anonymous]],
    ['key=sk-bf-…cdef', [curl, browser]],
    ['key=sk-bf-...cdef', [curl, browser]],
    ['key=sk-bf-0123456789abcdef', [curl, browser]],
    ['origin=http://localhost:5173', [browser]],
    ['source=app&key=sk-bf-…cdef&origin=http://localhost:5173', [browser]],
    ['source=console&key=sk-bf-…cdef', []],
  ])('?%s', (query, expected) => {
    expect(filtered(query)).toEqual(expected);
  });

  test.each([
    ['sorce=console', 'sorce', /unknown parameter/],
    ['source=browser', 'source', /neither console nor app/],
    ['source=console&source=app', 'source', /given 2 times/],
    ['key=', 'key', /empty/],
  ])('?%s is refused, naming %s', (query, param, message) => {
    let error: unknown;
    try {
      parseJournalFilter(new URLSearchParams(query));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JournalFilterError);
    expect((error as JournalFilterError).param).toBe(param);
    expect((error as Error).message).toMatch(message);
  });
});
