import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import { BodyDeadlines } from './bodyDeadlines.js';
import { BodyMemoryBudget } from './bodyMemoryBudget.js';
import { ConnectionPool, defaultConnectionLimits, type ConnectionLimits } from './connectionLimits.js';
import type { ReadyRequest } from './serveMock.js';
import { writeReply, type PendingReply } from './sendReply.js';
import { ShutdownState } from './shutdownState.js';
import { TurnBatch } from './turnBatch.js';

/**
 * What the host keeps across reloads to protect itself: shutdown and held connections, the
 * connection pool with its admin reserve, request bodies' deadlines and their memory budget;
 * and the API's work of the current turn, for every app the server has served during it.
 */
export interface HostGuards {
  shutdown: ShutdownState;
  connections: ConnectionPool;
  bodies: BodyDeadlines;
  bodyMemory: BodyMemoryBudget;
  /** Requests to decide and replies to write at the end of this turn (see TurnBatch). */
  turn: TurnBatch<ReadyRequest, PendingReply>;
}

/** The guards for these limits; `judge` judges the errors the host answers on its own (a 408). */
export function createHostGuards(limits: ConnectionLimits = defaultConnectionLimits, judge: () => Judge, log: Log): HostGuards {
  const bodies = new BodyDeadlines(limits, judge, log);
  const shutdown = new ShutdownState(limits.maxHeld);
  return {
    shutdown,
    connections: new ConnectionPool(limits, bodies),
    bodies,
    bodyMemory: new BodyMemoryBudget(limits.bodyMemoryBytes),
    turn: new TurnBatch<ReadyRequest, PendingReply>(
      (ready) => ready.decide(ready),
      (pending) => writeReply(pending, shutdown, log),
      log,
    ),
  };
}
