/**
 * How long a job waits and renders, and how it ends: decided once, when the job is made (seeded
 * or created). Everything a client later sees (status, progress, completed_at) is read from the
 * plan and the clock by jobView().
 */
export type Outcome = { status: 'completed' } | { status: 'failed'; code: string; atFraction: number };

/** The usual outcome, shared by every plan that ends in success (outcomes are never changed). */
export const COMPLETED: Outcome = Object.freeze({ status: 'completed' });

export interface RenderPlan {
  /** Time in the queue before rendering starts. */
  queueMs: number;
  renderMs: number;
  outcome: Outcome;
}

export interface RenderInput {
  model: string;
  seconds: string | null;
  size: string;
}

/** Seconds of rendering per second of video for a standard model at a standard size. */
const RENDER_SECONDS_PER_VIDEO_SECOND = 6;
/** Pro models are slower (and better). */
const PRO_FACTOR = 2.5;
/** Sizes whose long side is past this many pixels take longer. */
const LARGE_SIDE = 1280;
const LARGE_FACTOR = 1.5;
/** A job without a duration renders like a 4-second one. */
const DEFAULT_SECONDS = 4;
/** The queue wait before rendering starts, in ms (drawn uniformly), of a job created on the mock. */
export const QUEUE_MS = { min: 1_000, max: 8_000 } as const;
/**
 * Seeded jobs come from a busy account, whose jobs queue behind each other: a job waits up to
 * one and a half times its age at the anchor (at most 10 minutes), so of the newest jobs of a
 * seeded list about a third are still queued and most others rendering.
 */
export function busyQueueMs(ageAtAnchorMs: number): { min: number; max: number } {
  return { min: 0, max: Math.min(600_000, 1.5 * Math.max(0, ageAtAnchorMs)) };
}

/**
 * Typical render time, before jitter and before `renderSpeed`: a 4-second sora-2 job at
 * 720x1280 renders in 24 s (so with its queue wait it completes in under a minute); a
 * 12-second sora-2-pro at 1792x1024 in 4.5 minutes.
 */
export function typicalRenderMs({ model, seconds, size }: RenderInput): number {
  const videoSeconds = seconds === null ? DEFAULT_SECONDS : Number(seconds) || DEFAULT_SECONDS;
  const x = size.indexOf('x');
  const longSide = Math.max(Number(size.slice(0, x)), Number(size.slice(x + 1)));
  const pro = /-pro\b/.test(model) ? PRO_FACTOR : 1;
  const large = longSide > LARGE_SIDE ? LARGE_FACTOR : 1;
  return videoSeconds * RENDER_SECONDS_PER_VIDEO_SECOND * 1000 * pro * large;
}

/**
 * A plan from three uniform draws in [0, 1) (queue wait, render jitter of ±20%), scaled by
 * `renderSpeed` (2 = twice as fast). Times are whole milliseconds.
 */
export function renderPlan(
  input: RenderInput,
  draws: { queue: number; jitter: number },
  renderSpeed: number,
  outcome: Outcome = COMPLETED,
  queueRange: { min: number; max: number } = QUEUE_MS,
): RenderPlan {
  const queue = queueRange.min + draws.queue * (queueRange.max - queueRange.min);
  const render = typicalRenderMs(input) * (0.8 + 0.4 * draws.jitter);
  return {
    queueMs: Math.round(queue / renderSpeed),
    renderMs: Math.max(1, Math.round(render / renderSpeed)),
    outcome,
  };
}

/** Failure codes providers report, with their messages. */
export const FAILURES: Readonly<Record<string, string>> = {
  moderation_blocked: 'Your request was blocked by our moderation system.',
  internal_error: 'Video generation failed due to an internal error. Please try again.',
  invalid_input_reference:
    'The input reference image could not be processed. Use a PNG, JPEG or WebP image whose width and height match the requested size.',
};

export const FAILURE_CODES = Object.keys(FAILURES);

export function failureMessage(code: string): string {
  return FAILURES[code] ?? `Video generation failed (${code}).`;
}
