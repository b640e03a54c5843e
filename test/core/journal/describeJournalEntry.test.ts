import { describeJournalEntry, MAX_SHOWN_DEPTH } from '../../../src/core/journal/describeJournalEntry.js';
import type { JournalEntry } from '../../../src/core/journal/requestJournal.js';

const entry = (validation: JournalEntry['validation']): JournalEntry => ({ id: 1, time: '2026-01-15T12:00:00.000Z', method: 'GET', url: '/v1/videos/x/content', status: 200, fault: null, validation, durationMs: 1, source: { kind: 'app' } });

describe('describeJournalEntry', () => {
  test('masks keys as the journal source does (sk-bf-…cdef) and keeps other headers as sent', () => {
    const view = describeJournalEntry(entry('passed'), { requestHeaders: ['Authorization', 'Bearer sk-bf-0123456789abcdef', 'X-Bf-Vk', 'sk-bf-short', 'Accept', '*/*'] });
    expect(view.request.headers).toEqual({ authorization: 'Bearer sk-bf-…cdef', 'x-bf-vk': '…rt', accept: '*/*' });
    expect(view.response).toBeNull();
  });

  test('describes bytes instead of dumping them (downloads, uploads)', () => {
    const view = describeJournalEntry(entry('passed'), {
      requestHeaders: [],
      requestBody: Buffer.from('abc'),
      response: { status: 200, body: Buffer.alloc(1234), headers: { 'Content-Type': 'video/mp4' } },
    });
    expect(view.request.body).toBe('<3 bytes>');
    expect(view.response?.body).toBe('<1234 bytes of video/mp4>');
  });

  test('re-judges a failed response for its failing paths, and only a failed one', () => {
    let calls = 0;
    const judge = () => {
      calls += 1;
      return { valid: false, problems: ['$.data.0.size: must match pattern'] };
    };
    const detail = { requestHeaders: [], response: { status: 200, body: { data: [] } }, judge };
    expect(describeJournalEntry(entry('passed'), detail).violation).toBeNull();
    expect(calls).toBe(0);
    expect(describeJournalEntry(entry('failed'), detail).violation).toEqual({ problems: ['$.data.0.size: must match pattern'], sent: '500 mock_contract_violation' });
  });

  test('a body nested 40,000 levels deep is shown down to a depth, the rest named: it can be written as JSON', () => {
    const deep = JSON.parse(`{"prompt":"x","metadata":${'['.repeat(40_000)}${']'.repeat(40_000)}}`) as unknown;
    const view = describeJournalEntry(entry('passed'), { requestHeaders: [], requestBody: deep });
    const text = JSON.stringify(view);
    expect(text).toContain(`nested deeper than ${MAX_SHOWN_DEPTH} levels: not shown`);
    expect(text.length).toBeLessThan(1000);
    expect((view.request.body as { prompt: string }).prompt).toBe('x');
  });

  test('a shallow body is shown as it is, not copied; a deep one keeps its "__proto__" key a key', () => {
    const shallow = { prompt: 'x', metadata: { a: [1, 2] } };
    expect(describeJournalEntry(entry('passed'), { requestHeaders: [], requestBody: shallow }).request.body).toBe(shallow);
    const deep = JSON.parse(`{"__proto__":{"polluted":true},"deep":${'['.repeat(100)}${']'.repeat(100)}}`) as unknown;
    const shown = describeJournalEntry(entry('passed'), { requestHeaders: [], requestBody: deep }).request.body as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['__proto__', 'deep']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
