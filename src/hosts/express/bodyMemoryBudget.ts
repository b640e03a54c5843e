/**
 * The bytes of request bodies the server holds at once, across every connection: a body takes
 * its share before it is buffered (its whole Content-Length up front, or chunk by chunk when it
 * is sent chunked) and gives it back once its request is answered. A body that would take the
 * total past the budget is refused at once (a 503 with Retry-After) and drained, never
 * buffered, so a flood of uploads that never finish cannot take the memory with it.
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

  giveBack(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
  }
}
