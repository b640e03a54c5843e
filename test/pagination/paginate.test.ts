import fc from 'fast-check';
import { paginate, type SortOrder } from '../../src/pagination/paginate.js';

describe('paginate', () => {
  test.each([
    // [total, order, limit, after, positions, hasMore]
    [5, 'desc', 2, undefined, [4, 3], true],
    [5, 'desc', 2, 3, [2, 1], true],
    [5, 'desc', 2, 1, [0], false],
    [5, 'asc', 2, undefined, [0, 1], true],
    [5, 'asc', 5, undefined, [0, 1, 2, 3, 4], false],
    [5, 'asc', 3, 4, [], false],
    [5, 'desc', 3, 0, [], false],
    [0, 'desc', 20, undefined, [], false],
  ] as const)('total=%i order=%s limit=%i after=%s -> %j has_more=%s', (total, order, limit, after, positions, hasMore) => {
    expect(paginate({ total, order, limit, afterPosition: after })).toEqual({ positions, hasMore });
  });

  test('walking by the last position visits every item once, in order, for any size, limit and order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<SortOrder>('asc', 'desc'),
        (total, limit, order) => {
          const seen: number[] = [];
          let after: number | undefined;
          for (;;) {
            const page = paginate({ total, order, limit, afterPosition: after });
            expect(page.positions.length).toBeLessThanOrEqual(limit);
            seen.push(...page.positions);
            if (!page.hasMore) break;
            expect(page.positions).toHaveLength(limit);
            after = page.positions[page.positions.length - 1];
          }
          const expected = Array.from({ length: total }, (_, i) => (order === 'asc' ? i : total - 1 - i));
          expect(seen).toEqual(expected);
        },
      ),
    );
  });
});
