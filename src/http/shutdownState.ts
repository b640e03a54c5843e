import type { Socket } from 'node:net';

/**
 * What the HTTP layer must know to shut down cleanly: whether the server is closing, and
 * the sockets the `hang` fault holds open (they would never end on their own).
 */
export class ShutdownState {
  private closingNow = false;
  private readonly held = new Set<Socket>();

  get closing(): boolean {
    return this.closingNow;
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
