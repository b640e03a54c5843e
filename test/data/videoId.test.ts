import fc from 'fast-check';
import { decodePosition, encodePosition, positionKey } from '../../src/data/videoId.js';

describe('videoId position encoding', () => {
  test('decodes every encoded position back, for any seed and provider', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (seed, provider, position) => {
          const key = positionKey(seed, provider);
          const hex = encodePosition(position, key);
          expect(hex).toMatch(/^[0-9a-f]{8}$/);
          expect(decodePosition(hex, key)).toBe(position);
        },
      ),
    );
  });

  test('neighbouring positions do not look alike', () => {
    const key = positionKey(42, 'openai');
    expect(encodePosition(1, key).slice(0, 4)).not.toBe(encodePosition(2, key).slice(0, 4));
  });
});
