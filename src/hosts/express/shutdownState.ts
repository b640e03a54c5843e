import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { errors } from '../../core/errors/catalog.js';
import type { FaultDecision } from '../../core/faults/createFaultEngine.js';

/** A fault delay at least this long holds its connection (counts against the held ceiling). */
export const LONG_WAIT_MS = 1000;

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

  /** Counts a held response until it closes; false (nothing counted) at the ceiling. */
  reserve(res: ServerResponse): boolean {
    if (this.reserved >= this.maxHeld) return false;
    this.reserved += 1;
    res.once('close', () => (this.reserved -= 1));
    // The idle timeout is for silent clients, not for silences the mock was asked for: a held
    // response waits as long as its fault says (the ceiling bounds how many do).
    res.setTimeout(0);
    return true;
  }

  /** What a hang or long delay past the ceiling becomes: an immediate 503 saying why. */
  overCeiling(decision: FaultDecision): FaultDecision {
    return {
      name: `${decision.name ?? 'latency'} (over the held ceiling of ${this.maxHeld})`,
      effect: { kind: 'error', error: errors.heldCeiling(this.maxHeld) },
      latencyMs: 0,
    };
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
