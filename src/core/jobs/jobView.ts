import type { Video } from '../openapi/payloads.js';
import type { JobRecord } from '../data/JobRecord.js';
import { failureMessage } from '../data/renderPlan.js';

export interface JobView {
  video: Video;
  /** The view stays exactly this until this instant (unix ms); Infinity once the job is final. */
  validUntilMs: number;
}

const DAY_SECONDS = 24 * 60 * 60;
/** Progress while rendering runs from 1 to 99: 0 is queued, 100 is completed. */
const PROGRESS_STEPS = 98;

/**
 * The job as a client sees it at `nowMs`: a pure function of (record, now), computed when read
 * (no timers). queued (progress 0) → in_progress (1..99, rising with time) → completed (100,
 * completed_at and expires_at) or failed (error, completed_at), as the plan says.
 */
export function jobView(record: JobRecord, nowMs: number): JobView {
  const { plan } = record;
  const startMs = record.createdAtMs + plan.queueMs;
  const failed = plan.outcome.status === 'failed' ? plan.outcome : undefined;
  const renderFor = failed ? Math.floor(plan.renderMs * failed.atFraction) : plan.renderMs;
  const endMs = startMs + renderFor;
  const video: Video = {
    id: record.id,
    object: 'video',
    model: record.model,
    status: 'queued',
    progress: 0,
    prompt: record.prompt,
    seconds: record.seconds,
    size: record.size,
    created_at: Math.floor(record.createdAtMs / 1000),
  };
  let validUntilMs = Infinity;
  if (nowMs < startMs) {
    validUntilMs = startMs;
  } else if (nowMs < endMs) {
    const elapsed = nowMs - startMs;
    const step = Math.floor((PROGRESS_STEPS * elapsed) / plan.renderMs);
    video.status = 'in_progress';
    video.progress = 1 + step;
    // The first whole ms at which the progress reaches the next step (integer arithmetic).
    const nextStep = startMs + Math.ceil(((step + 1) * plan.renderMs) / PROGRESS_STEPS);
    validUntilMs = Math.min(nextStep, endMs);
  } else if (failed) {
    video.status = 'failed';
    // The progress last shown while it ran (0 if it failed before rendering began).
    video.progress = renderFor > 0 ? 1 + Math.floor((PROGRESS_STEPS * (renderFor - 1)) / plan.renderMs) : 0;
    video.completed_at = Math.floor(endMs / 1000);
    video.error = { code: failed.code, message: failureMessage(failed.code) };
  } else {
    video.status = 'completed';
    video.progress = 100;
    video.completed_at = Math.floor(endMs / 1000);
    video.expires_at = video.completed_at + DAY_SECONDS;
  }
  if (record.remixedFromVideoId !== undefined) video.remixed_from_video_id = record.remixedFromVideoId;
  return { video, validUntilMs };
}

/** Frozen all the way down, so responses can share it and its serialized text (see toJson). */
export function freezeVideo(video: Video): Video {
  if (video.error) Object.freeze(video.error);
  return Object.freeze(video);
}
