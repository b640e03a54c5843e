import fc from 'fast-check';
import { decodePosition, encodePosition, hex8, positionKey } from '../../../src/core/data/videoId.js';

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

describe('hex8', () => {
  test('writes any 32-bit value (signed or not) as 8 lowercase hex digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (value) => {
        expect(hex8(value)).toBe((value >>> 0).toString(16).padStart(8, '0'));
      }),
    );
    expect([hex8(0), hex8(0xff), hex8(-1)]).toEqual(['00000000', '000000ff', 'ffffffff']);
  });
});
