import { BoundedCache } from '../../../src/core/data/boundedCache.js';

describe('the bounded cache', () => {
  test('past its capacity the oldest insert goes first', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a'); // a hit does not make it younger
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  test('past its weight the oldest go until the rest fits, and what was replaced no longer weighs', () => {
    const cache = new BoundedCache<string, number>(100, 10);
    cache.set('a', 1, 4);
    cache.set('b', 2, 4);
    cache.set('b', 3, 2); // replaced: 6 in all
    expect(cache.heldWeight).toBe(6);
    cache.set('c', 4, 5); // 11: a goes
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.heldWeight]).toEqual([undefined, 3, 4, 7]);
  });

  test('an entry heavier than the whole budget is not kept', () => {
    const cache = new BoundedCache<string, number>(100, 10);
    cache.set('a', 1, 3);
    cache.set('huge', 2, 11);
    expect([cache.get('a'), cache.get('huge'), cache.heldWeight]).toEqual([undefined, undefined, 0]);
  });
});
