import type { Socket } from 'node:net';

/** How often the answers in progress are looked at; the timer runs only while connections are open. */
const CHECK_EVERY_MS = 1000;
/** At the connection cap, an answer stalled this long counts as unread: its connection may make room. */
export const STALLED_AT_CAP_MS = 1000;

/** What was still to send on a connection, and since when it has not moved. */
interface Stall {
  queued: number;
  unsent: number;
  since: number;
}

/**
 * Answers their clients do not read. A client that stops reading (or pipelines downloads it
 * never reads) keeps its connection busy for good: it is never idle, so nothing else would
 * close it, and a few hundred of them would fill the connection cap. A connection whose answer
 * has not moved for `stallTimeoutMs` is closed (like nginx's `send_timeout`); at the cap, the
 * one stalled the longest (STALLED_AT_CAP_MS or more) is closed to make room.
 * An answer moves when bytes leave for the kernel or more are queued: Node's `writableLength`
 * holds a write until all of it is out, and the handle's `writeQueueSize` counts down as the
 * kernel takes it (Node's own socket timeouts read it the same way).
 */
export class SendStalls {
  private readonly stalls = new Map<Socket, Stall>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stallTimeoutMs: number,
    private readonly openSockets: () => Iterable<Socket>,
  ) {}

  /** Makes sure the checks run (a new connection came). */
  watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Notes which answers moved; closes the connections whose answer has not moved for the timeout. */
  check(now = performance.now()): void {
    let open = 0;
    for (const socket of this.openSockets()) {
      open++;
      const stall = this.observe(socket, now);
      if (stall && now - stall.since >= this.stallTimeoutMs) this.close(socket);
    }
    for (const socket of this.stalls.keys()) if (socket.destroyed) this.stalls.delete(socket);
    if (open === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** The connection among `candidates` whose answer stalled the longest (and long enough), closed; else undefined. */
  closeLongestStalled(candidates: Iterable<Socket>, now = performance.now()): Socket | undefined {
    let longest: Socket | undefined;
    let since = now - STALLED_AT_CAP_MS;
    for (const socket of candidates) {
      const stall = this.stalls.get(socket);
      // Looked at again now: an answer that moved since the last check is not stalled.
      if (!stall || this.observe(socket, now) !== stall || stall.since > since) continue;
      longest = socket;
      since = stall.since;
    }
    if (longest) this.close(longest);
    return longest;
  }

  /** The socket's stall, as of now; undefined when it has nothing left to send. */
  private observe(socket: Socket, now: number): Stall | undefined {
    const queued = socket.writableLength;
    if (queued === 0 || socket.destroyed) {
      this.stalls.delete(socket);
      return undefined;
    }
    const unsent = (socket as Socket & { _handle?: { writeQueueSize?: number } | null })._handle?.writeQueueSize ?? 0;
    const stall = this.stalls.get(socket);
    if (stall && stall.queued === queued && stall.unsent === unsent) return stall;
    const moved = { queued, unsent, since: now };
    this.stalls.set(socket, moved);
    return moved;
  }

  private close(socket: Socket): void {
    this.stalls.delete(socket);
    socket.destroy();
  }
}
