import type { Log } from '../../core/pipeline/judgeResponse.js';

/**
 * Writes that wait for the end of the event loop's turn, then go out together (setImmediate
 * runs once Node has read every connection that had data). Redis writes its replies the same
 * way, just before it sleeps (`handleClientsWithPendingWrites`).
 *
 * Why: on a loaded server one turn decides many answers. Written the moment each is decided,
 * between the work on the next ones, every write finds its client asleep again and wakes it,
 * and the wake-up is most of what the kernel charges for a write. Written back to back, they
 * reach clients that are still awake. Measured on the bench's machine, this took about a third
 * off the server's CPU per response and raised requests/s by 40-50%, for lists and creates alike.
 * A lone answer waits only for the rest of its own turn: microseconds.
 *
 * What waits is bounded by what one turn reads, which the connection cap bounds.
 */
export class WriteBatch<T> {
  private pending: T[] = [];

  constructor(
    private readonly write: (item: T) => void,
    private readonly log: Log,
  ) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length === 1) setImmediate(this.flush);
  }

  /** How many writes wait for the end of this turn. */
  get size(): number {
    return this.pending.length;
  }

  // Runs in a timer phase: a write that threw would end the process, so each is on its own.
  private readonly flush = (): void => {
    const items = this.pending;
    this.pending = [];
    for (const item of items) {
      try {
        this.write(item);
      } catch (error) {
        this.log(`cannot write a reply: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  };
}
