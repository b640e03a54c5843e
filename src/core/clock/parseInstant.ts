/**
 * An instant as the CLI and the admin clock take it: unix seconds (`1768478400`) or ISO 8601
 * (`2026-01-15`, `2026-01-15T12:00:00Z`, with an optional fraction and offset). Only these:
 * Date.parse alone would read "May 5", "-5" or "x 2030" as some time in 2001 or 2030.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Unix milliseconds, or why `value` is none: `"<value>" <problem>`, ready to follow a flag or field name. */
export type InstantReading = { ms: number } | { problem: string };

export function readInstant(value: string | number): InstantReading {
  const neither = { problem: notAnInstant(value) };
  if (typeof value === 'number') return Number.isFinite(value) ? { ms: value * 1000 } : neither;
  const text = value.trim();
  if (/^\d+$/.test(text)) return { ms: Number(text) * 1000 };
  const fields = ISO_8601.exec(text);
  if (!fields) return neither;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return neither;
  // Date.parse rolls a day past the month's end into the next month (2026-02-31 is March 3).
  const [year, month, day] = fields.slice(1, 4).map(Number) as [number, number, number];
  const days = daysIn(year, month);
  if (day > days) {
    return { problem: `${JSON.stringify(value)} is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days` };
  }
  return { ms };
}

/** Why `value` is neither unix seconds nor ISO 8601. */
export function notAnInstant(value: unknown): string {
  return `${JSON.stringify(String(value))} is not an ISO 8601 time or unix seconds`;
}

/** Unix milliseconds, or undefined when `value` is neither form (or no real date). */
export function parseInstant(value: string | number): number | undefined {
  const reading = readInstant(value);
  return 'ms' in reading ? reading.ms : undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
