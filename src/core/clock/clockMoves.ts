import { ClockError, type Clock } from './createClock.js';
import { notAnInstant, readInstant } from './parseInstant.js';

/**
 * The clock moves a caller asks for, checked the same way wherever they come from (the admin
 * API's JSON, the in-process control): a refused move is a ClockError saying why, and the
 * clock is unchanged.
 */
export function advanceClock(clock: Clock, seconds: unknown): void {
  if (typeof seconds !== 'number') throw new ClockError('advance: expected a number of seconds');
  clock.advance(seconds);
}

/**
 * Sets the clock to an instant given as unix seconds or ISO 8601 (never "May 5" or February
 * 30), or a Date where the caller takes one; `accepted` names what it takes, for the refusal.
 */
export function setClock(clock: Clock, instant: unknown, accepted = 'an ISO 8601 time or unix seconds'): void {
  clock.set(instantMs(instant, accepted));
}

function instantMs(value: unknown, accepted: string): number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  const reading = typeof value === 'number' || typeof value === 'string' ? readInstant(value) : undefined;
  if (reading && 'ms' in reading) return reading.ms;
  // A day the month does not have says so; anything else is not one of the accepted kinds.
  if (reading && reading.problem !== notAnInstant(value)) throw new ClockError(`set: ${reading.problem}`);
  throw new ClockError(`set: ${value instanceof Date ? 'an invalid Date' : JSON.stringify(value)} is not ${accepted}`);
}
