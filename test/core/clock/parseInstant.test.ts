import { parseInstant } from '../../../src/core/clock/parseInstant.js';

describe('parseInstant', () => {
  test.each([
    ['1768478400', Date.UTC(2026, 0, 15, 12)],
    [1768478400, Date.UTC(2026, 0, 15, 12)],
    ['2026-01-15', Date.UTC(2026, 0, 15)],
    ['2026-01-15T12:00:00Z', Date.UTC(2026, 0, 15, 12)],
    ['2026-01-15T12:00:00.250Z', Date.UTC(2026, 0, 15, 12, 0, 0, 250)],
    ['2026-01-15T14:00:00+02:00', Date.UTC(2026, 0, 15, 12)],
  ])('reads %j as unix seconds or ISO 8601', (value, ms) => {
    expect(parseInstant(value)).toBe(ms);
  });

  test.each(['May 5', '-5', 'x 2030', 'tomorrow', '', '2026-13-45', '2026-01-15T25:00:00Z', 'NaN'])('refuses %j, which is neither form', (value) => {
    expect(parseInstant(value)).toBeUndefined();
  });
});
