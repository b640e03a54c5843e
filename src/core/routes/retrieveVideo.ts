import type { MockResponse } from '../pipeline/MockResponse.js';
import type { HandlerInput } from './HandlerInput.js';
import { videoBody } from './videoBody.js';
import { videoTarget } from './videoTarget.js';

export const retrieveVideoRequestType = 'video_retrieve';

/** How long a client should wait before polling a running job again, at render speed 1. */
const POLL_AFTER_MS = 2000;

/** GET /v1/videos/{video_id}: the job as it is now; while it runs, when to ask again. */
export function retrieveVideo({ videoId, world, elapsedMs }: HandlerInput): MockResponse {
  const { id, provider } = videoTarget(videoId, world, retrieveVideoRequestType);
  const video = world.retrieve(provider, id);
  const body = videoBody(video, { request_type: retrieveVideoRequestType, provider, latency: Math.round(elapsedMs()) });
  const running = video.status === 'queued' || video.status === 'in_progress';
  return {
    status: 200,
    body,
    ...(running && { headers: { 'openai-poll-after-ms': String(Math.max(100, Math.round(POLL_AFTER_MS / world.renderSpeed))) } }),
  };
}
