import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import { BodyDeadlines } from './bodyDeadlines.js';
import { BodyMemoryBudget } from './bodyMemoryBudget.js';
import { ConnectionPool, defaultConnectionLimits, type ConnectionLimits } from './connectionLimits.js';
import { ShutdownState } from './shutdownState.js';

/**
 * What the host keeps across reloads to protect itself: shutdown and held connections, the
 * connection pool with its admin reserve, request bodies' deadlines and their memory budget.
 */
export interface HostGuards {
  shutdown: ShutdownState;
  connections: ConnectionPool;
  bodies: BodyDeadlines;
  bodyMemory: BodyMemoryBudget;
}

/** The guards for these limits; `judge` judges the errors the host answers on its own (a 408). */
export function createHostGuards(limits: ConnectionLimits = defaultConnectionLimits, judge: () => Judge, log: Log): HostGuards {
  const bodies = new BodyDeadlines(limits, judge, log);
  return {
    shutdown: new ShutdownState(limits.maxHeld),
    connections: new ConnectionPool(limits, bodies),
    bodies,
    bodyMemory: new BodyMemoryBudget(limits.bodyMemoryBytes),
  };
}
