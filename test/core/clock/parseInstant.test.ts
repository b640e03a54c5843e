import { parseInstant, readInstant } from '../../../src/core/clock/parseInstant.js';

describe('parseInstant', () => {
  test.each([
    ['1768478400', Date.UTC(2026, 0, 15, 12)],
    [1768478400, Date.UTC(2026, 0, 15, 12)],
    ['2026-01-15', Date.UTC(2026, 0, 15)],
    ['2026-01-15T12:00:00Z', Date.UTC(2026, 0, 15, 12)],
    ['2026-01-15T12:00:00.250Z', Date.UTC(2026, 0, 15, 12, 0, 0, 250)],
    ['2026-01-15T14:00:00+02:00', Date.UTC(2026, 0, 15, 12)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2026-04-30T23:59:59Z', Date.UTC(2026, 3, 30, 23, 59, 59)],
  ])('reads %j as unix seconds or ISO 8601', (value, ms) => {
    expect(parseInstant(value)).toBe(ms);
  });

  test.each(['May 5', '-5', 'x 2030', 'tomorrow', '', '2026-13-45', '2026-01-15T25:00:00Z', 'NaN'])('refuses %j, which is neither form', (value) => {
    expect(parseInstant(value)).toBeUndefined();
  });

  test.each([
    ['2026-02-31T12:00:00Z', 'February 2026 has 28 days'],
    ['2026-02-30', 'February 2026 has 28 days'],
    ['2026-02-29', 'February 2026 has 28 days'],
    ['2100-02-29', 'February 2100 has 28 days'],
    ['2026-04-31T00:00:00+02:00', 'April 2026 has 30 days'],
  ])('refuses %j, a day the month does not have (Date.parse would roll it into the next month)', (value, why) => {
    expect(parseInstant(value)).toBeUndefined();
    expect(readInstant(value)).toEqual({ problem: `${JSON.stringify(value)} is not a real date: ${why}` });
  });
});
