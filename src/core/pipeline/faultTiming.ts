import type { FaultDecision } from '../faults/createFaultEngine.js';

/** A fault delay at least this long holds its connection (counts against the host's ceiling). */
export const LONG_WAIT_MS = 1000;

/** How long the answer is held back: latency plus a `slow` fault's delay. */
export function faultDelay({ latencyMs, effect }: FaultDecision): number {
  return latencyMs + (effect?.kind === 'slow' ? effect.ms : 0);
}

/** A fault that keeps its connection waiting long enough to count against the held ceiling. */
export function holdsConnection(decision: FaultDecision): boolean {
  return decision.effect?.kind === 'hang' || faultDelay(decision) >= LONG_WAIT_MS;
}
