import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response } from 'express';
import type { MockError } from '../../core/errors/MockError.js';
import type { ErrorContext } from '../../core/errors/toBifrostError.js';
import type { FaultDecision } from '../../core/faults/createFaultEngine.js';
import type { MockResponse } from '../../core/pipeline/MockResponse.js';
import { LONG_WAIT_MS, type ShutdownState } from './shutdownState.js';

/** How long the fault layer holds the response: latency plus a `slow` fault's delay. */
export function faultDelay({ latencyMs, effect }: FaultDecision): number {
  return latencyMs + (effect?.kind === 'slow' ? effect.ms : 0);
}

/** A fault that keeps its connection waiting long enough to count against the held ceiling. */
export function holdsConnection(decision: FaultDecision): boolean {
  return decision.effect?.kind === 'hang' || faultDelay(decision) >= LONG_WAIT_MS;
}

/**
 * Waits `ms`, unless the client goes away first (then false). A client that gives up, or a
 * server torn down after its grace period, ends the wait: no timer outlives its request.
 */
export async function waitUnlessGone(ms: number, res: Response): Promise<boolean> {
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once('close', abort);
  try {
    await sleep(ms, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', abort);
  }
}

/**
 * The fault layer, once any delay is over: either replaces the response with an error (as the
 * operation answers it, see faultErrorResponse), or breaks the connection the way a real network
 * does (and returns 'network').
 */
export function applyFault(
  { effect }: FaultDecision,
  req: Request,
  response: MockResponse,
  context: ErrorContext,
  { shutdown, errorAnswer }: { shutdown: ShutdownState; errorAnswer: (error: MockError, context: ErrorContext) => MockResponse },
): MockResponse | 'network' {
  switch (effect?.kind) {
    case 'error':
      return errorAnswer(effect.error, context);
    case 'reset':
      req.socket.resetAndDestroy();
      return 'network';
    case 'empty':
      req.socket.destroy();
      return 'network';
    case 'hang':
      shutdown.hold(req.socket);
      return 'network';
    default:
      return response;
  }
}
