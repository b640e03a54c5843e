import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BodyDeadlines } from './bodyDeadlines.js';
import { SendStalls } from './sendStalls.js';

/** The server's connection caps, timeouts and body budgets; every one is listed in the README's Limits. */
export interface ConnectionLimits {
  /** Open connections at most; past it the oldest idle one (else an unread or slow one) is closed to make room. */
  maxConnections: number;
  /** Connections past maxConnections kept for `/__mock` requests (admin API, health) only. */
  adminReserve: number;
  /** `hang` faults and fault delays of 1 s or more under way at once; past it a 503 at once. */
  maxHeld: number;
  /** A client must finish sending the request headers within this (Node answers 408). */
  headersTimeoutMs: number;
  /** ... and the whole request, body included, within this. */
  requestTimeoutMs: number;
  /** A request body must arrive in full within this of its headers; past it a 408. */
  bodyTimeoutMs: number;
  /** ... at this rate or more on average (judged from its first second on); below it a 408. */
  minBodyBytesPerSecond: number;
  /** Bytes of request bodies held at once across all connections; past it a 503 with Retry-After. */
  bodyMemoryBytes: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all (one that never sends a request, say) is closed after this. */
  idleTimeoutMs: number;
  /** A connection whose answer its client has not read (no byte of it moved) for this long is closed. */
  sendStallTimeoutMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  maxConnections: 1000,
  adminReserve: 32,
  maxHeld: 200,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  bodyTimeoutMs: 20_000,
  minBodyBytesPerSecond: 1024,
  bodyMemoryBytes: 64 * 1024 * 1024,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  sendStallTimeoutMs: 30_000,
};

/** How often Node checks the header and request timeouts (its default, 30 s, makes 10 s read as 40). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Sets the timeouts and the connection cap on a server that has not started listening. */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits, pool: ConnectionPool): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  server.on('connection', (socket: Socket) => pool.admit(socket));
}

/**
 * The connections a server holds, against its cap. Node's own `maxConnections` refuses every
 * new client once the cap is reached, so 1,100 idle sockets (never sending a byte, which no
 * Node timeout but the idle one catches) would lock everyone out. Here a new connection past
 * the cap makes room instead: it closes the oldest idle connection (no response under way: not
 * yet sent a request, between keep-alive requests, or dribbling its headers), else the one
 * whose answer its client has stopped reading (see SendStalls), else cuts off the connection
 * whose request body arrives the slowest (a 408). When every connection is busy answering, the
 * new one joins a small reserve that serves `/__mock` only (so the admin API and health stay
 * reachable; anything else is a 503), where it may close an idle or unread reserve connection
 * in turn; with the reserve busy too, it is closed at once.
 * Costs nothing per request: the scans run only past the cap (and once a second for stalls).
 */
export class ConnectionPool {
  private readonly open = new Set<Socket>(); // insertion order: oldest first
  private readonly reserve = new Set<Socket>();
  private readonly stalls: SendStalls;

  constructor(
    private readonly limits: Pick<ConnectionLimits, 'maxConnections' | 'adminReserve' | 'sendStallTimeoutMs'>,
    private readonly bodies: BodyDeadlines,
  ) {
    this.stalls = new SendStalls(limits.sendStallTimeoutMs, () => this.everySocket());
  }

  private *everySocket(): Iterable<Socket> {
    yield* this.open;
    yield* this.reserve;
  }

  get maxConnections(): number {
    return this.limits.maxConnections;
  }

  /** Whether this socket was let in past maxConnections, for `/__mock` requests only. */
  inReserve(socket: Socket): boolean {
    return this.reserve.size > 0 && this.reserve.has(socket);
  }

  admit(socket: Socket): void {
    const { open } = this;
    this.stalls.watch();
    if (open.size >= this.limits.maxConnections) {
      const idle = oldestIdle(open);
      idle?.destroy();
      // A body cut off closes its connection once its 408 is written (Connection: close).
      const room = idle ?? this.stalls.closeLongestStalled(open) ?? this.bodies.cutSlowest(open);
      if (room) {
        open.delete(room);
      } else {
        this.admitToReserve(socket);
        return;
      }
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  }

  /** The reserve makes room the same way: its oldest idle connection goes for the new one. */
  private admitToReserve(socket: Socket): void {
    const { reserve } = this;
    if (reserve.size >= this.limits.adminReserve) {
      const idle = oldestIdle(reserve);
      idle?.destroy();
      const room = idle ?? this.stalls.closeLongestStalled(reserve);
      if (!room) {
        socket.destroy();
        return;
      }
      reserve.delete(room);
    }
    reserve.add(socket);
    socket.once('close', () => reserve.delete(socket));
  }
}

function oldestIdle(open: ReadonlySet<Socket>): Socket | undefined {
  for (const candidate of open) if (!busy(candidate)) return candidate;
  return undefined;
}

/**
 * Whether a response is under way on the socket. Node keeps the response a socket is serving
 * in `_httpMessage` (its own closeIdleConnections reads it the same way) and clears it when the
 * response finishes.
 */
function busy(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: unknown })._httpMessage != null;
}
