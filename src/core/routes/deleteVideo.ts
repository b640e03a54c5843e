import type { MockResponse } from '../pipeline/MockResponse.js';
import type { HandlerInput } from './HandlerInput.js';
import { videoTarget } from './videoTarget.js';

export const deleteVideoRequestType = 'video_delete';

/** DELETE /v1/videos/{video_id}: a completed or failed job leaves the list and 404s from now on. */
export function deleteVideo({ videoId, world, elapsedMs }: HandlerInput): MockResponse {
  const { id, provider } = videoTarget(videoId, world, deleteVideoRequestType);
  world.remove(provider, id);
  return {
    status: 200,
    body: {
      id,
      object: 'video.deleted',
      deleted: true,
      extra_fields: { request_type: deleteVideoRequestType, provider, latency: Math.round(elapsedMs()) },
    },
  };
}
