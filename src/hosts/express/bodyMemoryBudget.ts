/**
 * The bytes of request bodies the server holds at once, across every connection: a body takes
 * its share as its bytes arrive and gives it back once its request is answered. A body whose
 * Content-Length does not fit beside what is held now is refused before it is read, and one
 * that stops fitting as it arrives is refused then: a 503 with Retry-After, the rest drained,
 * never buffered, so a flood of uploads cannot take the memory with it. Only bytes that came
 * count: a Content-Length reserves nothing, so a few slow uploads declaring the largest
 * bodies cannot shut every other upload out.
 */
export class BodyMemoryBudget {
  private heldBytes = 0;

  constructor(readonly budgetBytes: number) {}

  /** Takes `bytes` from the budget; false (nothing taken) when they do not fit. */
  take(bytes: number): boolean {
    if (this.heldBytes + bytes > this.budgetBytes) return false;
    this.heldBytes += bytes;
    return true;
  }

  /** Whether `bytes` more would fit beside what is held now (nothing is taken). */
  fits(bytes: number): boolean {
    return this.heldBytes + bytes <= this.budgetBytes;
  }

  giveBack(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
  }
}
