/**
 * The one clock every job reads. Nothing in the domain calls Date.now(): status and progress
 * are functions of (job, clock.now()), so a frozen clock and a live one share every line but
 * the one in this file that reads the time.
 */
export type ClockMode = 'live' | 'frozen';

export interface Clock {
  readonly mode: ClockMode;
  /** Unix milliseconds. */
  now(): number;
  /** Moves time forward by `seconds` (>= 0). */
  advance(seconds: number): void;
  /** Moves time to `unixMs`; refuses to go backwards (jobs already seen finished would un-finish). */
  set(unixMs: number): void;
  /** Back to the start: a frozen clock stands at its start again, a live one drops every advance. */
  reset(): void;
  /**
   * A live clock drops every advance and reads the real time again (the one move back a user
   * may ask for); a frozen clock has no real time to return to and throws ClockError.
   */
  backToRealTime(): void;
  /** How far advance and set have moved the clock since the start or the last reset, in ms. */
  movedMs(): number;
}

/** A refused clock move; the message says why and the clock is unchanged. */
export class ClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

export interface ClockOptions {
  mode: ClockMode;
  /** Unix ms a frozen clock stands at. (A live clock reads the real time.) */
  start: number;
  /** The real time in unix ms; injectable for tests. */
  realNow?: () => number;
  /** The clock never goes past this instant (ids carry the creation time in 32 bits). */
  latest?: number;
}

export const LATEST_INSTANT_MS = Date.UTC(2100, 0, 1);

export function createClock({ mode, start, realNow = Date.now, latest = LATEST_INSTANT_MS }: ClockOptions): Clock {
  let offset = 0;
  const base = mode === 'live' ? realNow : () => start;
  const now = () => base() + offset;
  const moveTo = (target: number) => {
    if (!Number.isFinite(target)) throw new ClockError('the target time is not a finite number');
    const current = now();
    // Checked first: a Date past year 275760 cannot even be written out (toISOString throws).
    if (target > latest) throw new ClockError(`${describe(target)} is after ${new Date(latest).toISOString()}`);
    if (target < current) {
      throw new ClockError(`${describe(target)} is before the clock's ${new Date(current).toISOString()}: the clock never goes backwards (a reset restarts it: POST /__mock/reset, or control.reset() in-process)`);
    }
    offset += target - current;
  };
  return {
    mode,
    now,
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new ClockError(`advance: ${seconds} is not a number of seconds >= 0`);
      }
      moveTo(now() + Math.round(seconds * 1000));
    },
    set: moveTo,
    reset() {
      offset = 0;
    },
    backToRealTime() {
      if (mode !== 'live') throw new ClockError('live: the clock is frozen (--clock frozen): it has no real time to go back to');
      offset = 0;
    },
    movedMs: () => offset,
  };
}

/** An instant as ISO 8601, or as unix ms when it is outside what a Date can hold. */
function describe(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `unix ms ${ms}` : date.toISOString();
}
