import fc from 'fast-check';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { frozenJsonBytes, toJson } from '../../../src/core/pipeline/toJson.js';
import { makeWorld, seededJobs } from '../../support/world.js';

describe('toJson', () => {
  test('writes exactly what JSON.stringify writes, for pages of cached and uncached jobs', async () => {
    const catalog = await loadProviderCatalog();
    for (const jobsPerProvider of [250, 20_000]) {
      const world = makeWorld({ seed: 3, jobsPerProvider, now: 1768478400, catalog });
      const jobs = seededJobs(world.dataset, 'openai');
      for (const start of [0, 100, 200]) {
        const after = start === 0 ? {} : { after: jobs.jobAt(start - 1).id };
        const { data } = world.list('openai', { order: 'asc', limit: 20, ...after });
        const body = { object: 'list', data, first_id: data[0]?.id, last_id: undefined, has_more: true, extra_fields: { latency: 0 } };
        expect(toJson(body)).toBe(JSON.stringify(body));
        expect(toJson(body)).toBe(JSON.stringify(body)); // again, from the cache
      }
    }
  });

  test('a frozen array is remembered as a whole, not re-joined from its items', () => {
    // Frozen values must hold only frozen ones (see toJson); a mutable item shows the cache.
    const item = { n: 1 };
    const page = Object.freeze([item]);
    expect(toJson({ data: page })).toBe('{"data":[{"n":1}]}');
    item.n = 2;
    expect(toJson({ data: page })).toBe('{"data":[{"n":1}]}');
    expect(toJson({ data: [item] })).toBe('{"data":[{"n":2}]}');
  });

  test('writes what JSON.stringify writes for any JSON value, whichever parts of it are frozen', () => {
    const deepFreeze = (value: unknown): unknown => {
      if (value !== null && typeof value === 'object') {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    // Freeze some subtrees (all the way down, as toJson requires), chosen by a seeded coin.
    const freezeSome = (value: unknown, coin: () => boolean): unknown => {
      if (value === null || typeof value !== 'object') return value;
      if (coin()) return deepFreeze(value);
      Object.values(value).forEach((member) => freezeSome(member, coin));
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.infiniteStream(fc.boolean()), (value, coins) => {
        const iterator = coins[Symbol.iterator]();
        const expected = JSON.stringify(value);
        const body = freezeSome(value, () => iterator.next().value === true);
        expect(toJson(body)).toBe(expected);
        expect(toJson(body)).toBe(expected); // again, through the cache
      }),
      { numRuns: 500 },
    );
  });
});

describe('frozenJsonBytes', () => {
  test('encodes what JSON.stringify writes as UTF-8, once per frozen body', () => {
    const body = Object.freeze({ prompt: 'Käse — 🎥 on a rainy street', data: Object.freeze([Object.freeze({ n: 1 })]) });
    const bytes = frozenJsonBytes(body);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(body));
    expect(frozenJsonBytes(body)).toBe(bytes); // the same bytes, not encoded again
  });

  test('reuses the text toJson remembered for the same body', () => {
    const item = { n: 1 };
    const body = Object.freeze({ item });
    toJson(body);
    item.n = 2; // frozen values must hold only frozen ones: a mutable member shows the cache
    expect(new TextDecoder().decode(frozenJsonBytes(body))).toBe('{"item":{"n":1}}');
  });
});
