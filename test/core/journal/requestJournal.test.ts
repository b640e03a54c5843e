import { createRequestJournal, type JournalEntry, type JournalEvent } from '../../../src/core/journal/requestJournal.js';

const entry = (url: string): JournalEntry => ({ id: 0, time: '2026-01-15T12:00:00.000Z', method: 'GET', url, status: 200, fault: null, validation: 'passed', durationMs: 1, source: { kind: 'app' } });

describe('createRequestJournal', () => {
  test('numbers entries in order and keeps details for the newest detailCapacity only', () => {
    const journal = createRequestJournal(10, 3);
    for (let i = 1; i <= 5; i++) journal.record(entry(`/${i}`), { requestHeaders: [], response: { status: 200, body: { i } } });
    expect(journal.entries().map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(journal.detail(2)).toBeUndefined();
    expect(journal.detail(3)?.detail.response?.body).toEqual({ i: 3 });
    expect(journal.detail(5)?.entry.url).toBe('/5');
  });

  test('notifies subscribers of entries and clears, and stops after unsubscribe', () => {
    const journal = createRequestJournal(10);
    const seen: JournalEvent[] = [];
    const unsubscribe = journal.subscribe((event) => seen.push(event));
    expect(journal.subscribers).toBe(1);
    journal.record(entry('/a'));
    journal.clear();
    unsubscribe();
    journal.record(entry('/b'));
    expect(seen.map((e) => e.kind)).toEqual(['entry', 'clear']);
    expect(journal.subscribers).toBe(0);
  });

  test('a clear drops the details too', () => {
    const journal = createRequestJournal(10);
    journal.record(entry('/a'), { requestHeaders: [] });
    journal.clear();
    expect(journal.detail(1)).toBeUndefined();
  });
});
