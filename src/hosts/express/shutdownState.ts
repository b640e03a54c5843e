import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';

/**
 * What the HTTP layer must know about connections it keeps open on purpose: whether the server
 * is closing, the sockets the `hang` fault holds (they would never end on their own), and how
 * many hangs and long delays are under way, against a ceiling, so that they cannot take every
 * connection the server allows.
 */
export class ShutdownState {
  private closingNow = false;
  private readonly held = new Set<Socket>();
  private reserved = 0;

  constructor(readonly maxHeld = 200) {}

  get closing(): boolean {
    return this.closingNow;
  }

  /**
   * Counts a held response until it or its connection closes; false (nothing counted) at the
   * ceiling. One whose client has gone already holds nothing, and is not counted.
   */
  reserve(res: ServerResponse): boolean {
    const { socket } = res.req;
    if (socket.destroyed) return true;
    if (this.reserved >= this.maxHeld) return false;
    this.reserved += 1;
    // Its connection's 'close' too: a response queued behind another on a connection that
    // dies never gets a 'close' of its own.
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      this.reserved -= 1;
      socket.off('close', release);
    };
    res.once('close', release);
    socket.once('close', release);
    // The idle timeout is for silent clients, not for silences the mock was asked for: a held
    // response waits as long as its fault says (the ceiling bounds how many do).
    res.setTimeout(0);
    return true;
  }

  /** Keeps a socket open without answering, until the client gives up or the server closes. */
  hold(socket: Socket): void {
    if (this.closingNow) {
      socket.destroy();
      return;
    }
    this.held.add(socket);
    socket.once('close', () => this.held.delete(socket));
  }

  beginClose(): void {
    this.closingNow = true;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }
}
