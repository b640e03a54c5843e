// The admin API's wire shapes that both sides read (see journalEntry.ts): the clock.

/** `GET /__mock/clock`, and the answer to every accepted `POST /__mock/clock`. */
export interface ClockState {
  now: string;
  nowUnix: number;
  mode: 'live' | 'frozen';
  /**
   * How far `advance` and `set` moved the clock since the start (or the last reset, or the last
   * return to real time), in seconds. A live clock at 0 is on the real time.
   */
  movedSeconds: number;
  renderSpeed: number;
}
