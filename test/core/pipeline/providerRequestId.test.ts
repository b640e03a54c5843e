import { providerRequestId } from '../../../src/core/pipeline/providerRequestId.js';

describe('providerRequestId', () => {
  test('is req_ and 32 hex digits, different every time, across refills of its random pool', () => {
    const ids = Array.from({ length: 1000 }, () => providerRequestId()); // ~4 pools of 256
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('uses every hex digit in every place (not a counter, not a fixed prefix)', () => {
    const ids = Array.from({ length: 2000 }, () => providerRequestId().slice(4));
    for (let place = 0; place < 32; place++) expect(new Set(ids.map((id) => id[place])).size).toBe(16);
  });
});
