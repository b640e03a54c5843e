import type { Outcome } from '../data/renderPlan.js';

/** Where a forced failure happens, as a share of the render: half way, so progress is seen to move. */
const FORCED_FAILURE_AT = 0.5;

/** `completed`, `failed` or `failed:<code>` (X-Mock-Outcome, or a fault rule's job.outcome). */
export function parseOutcome(text: string): Outcome | undefined {
  if (text === 'completed') return { status: 'completed' };
  const match = /^failed(?::([a-z0-9_]{1,64}))?$/.exec(text);
  if (!match) return undefined;
  return { status: 'failed', code: match[1] ?? 'internal_error', atFraction: FORCED_FAILURE_AT };
}
