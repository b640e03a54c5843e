import { describeJournalEntry } from '../../../src/core/journal/describeJournalEntry.js';
import type { JournalEntry } from '../../../src/core/journal/requestJournal.js';

const entry = (validation: JournalEntry['validation']): JournalEntry => ({ id: 1, time: '2026-01-15T12:00:00.000Z', method: 'GET', url: '/v1/videos/x/content', status: 200, fault: null, validation, durationMs: 1 });

describe('describeJournalEntry', () => {
  test('masks keys past their first characters and keeps other headers as sent', () => {
    const view = describeJournalEntry(entry('passed'), { requestHeaders: ['Authorization', 'Bearer sk-bf-0123456789abcdef', 'X-Bf-Vk', 'sk-bf-short', 'Accept', '*/*'] });
    expect(view.request.headers).toEqual({ authorization: 'Bearer sk-bf-012…', 'x-bf-vk': '…', accept: '*/*' });
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
});
