import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** The server's connection caps and timeouts; every one is listed in the README's Limits. */
export interface ConnectionLimits {
  /** Open connections at most; past it the oldest idle one is closed to make room. */
  maxConnections: number;
  /** `hang` faults and fault delays of 1 s or more under way at once; past it a 503 at once. */
  maxHeld: number;
  /** A client must finish sending the request headers within this (Node answers 408). */
  headersTimeoutMs: number;
  /** ... and the whole request, body included, within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all (one that never sends a request, say) is closed after this. */
  idleTimeoutMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  maxConnections: 1000,
  maxHeld: 200,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
};

/** How often Node checks the header and request timeouts (its default, 30 s, makes 10 s read as 40). */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Sets the timeouts and the connection cap on a server that has not started listening. */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  capConnections(server, limits.maxConnections);
}

/**
 * Node's own `maxConnections` refuses every new client once the cap is reached, so 1,100 idle
 * sockets (never sending a byte, which no Node timeout but the idle one catches) would lock
 * everyone out. Here a new connection past the cap closes the oldest idle connection instead
 * (idle: no response under way: not yet sent a request, between keep-alive requests, or
 * dribbling its headers); only when every connection is busy is the new one closed at once.
 * Costs nothing per request: the scan runs only past the cap.
 */
function capConnections(server: Server, max: number): void {
  const open = new Set<Socket>(); // insertion order: oldest first
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    if (open.size <= max) return;
    for (const candidate of open) {
      if (candidate !== socket && !busy(candidate)) {
        open.delete(candidate);
        candidate.destroy();
        return;
      }
    }
    open.delete(socket);
    socket.destroy();
  });
}

/**
 * Whether a response is under way on the socket. Node keeps the response a socket is serving
 * in `_httpMessage` (its own closeIdleConnections reads it the same way) and clears it when the
 * response finishes.
 */
function busy(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: unknown })._httpMessage != null;
}
