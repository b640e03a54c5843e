/**
 * An instant as the CLI and the admin clock take it: unix seconds (`1768478400`) or ISO 8601
 * (`2026-01-15`, `2026-01-15T12:00:00Z`, with an optional fraction and offset). Only these:
 * Date.parse alone would read "May 5", "-5" or "x 2030" as some time in 2001 or 2030.
 */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Unix milliseconds, or undefined when `value` is neither form (or no real date). */
export function parseInstant(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!ISO_8601.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
