import type { RenderPlan } from './renderPlan.js';

/**
 * What never changes about a job: who, what, when it was made, and its render plan. Seeded and
 * created jobs alike; what a client sees at a given instant is derived by jobs/jobView.
 */
export interface JobRecord {
  id: string;
  model: string;
  prompt: string;
  seconds: string | null;
  size: string;
  /** Unix ms; created_at is its whole seconds. */
  createdAtMs: number;
  remixedFromVideoId?: string;
  plan: RenderPlan;
}
