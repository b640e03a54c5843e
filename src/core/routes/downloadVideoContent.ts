import { errors } from '../errors/catalog.js';
import { byteRange } from '../media/byteRange.js';
import type { MediaVariant } from '../media/mediaLibrary.js';
import { MockError } from '../errors/MockError.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import type { HandlerInput } from './HandlerInput.js';
import { videoTarget } from './videoTarget.js';

export const downloadVideoContentRequestType = 'video_download';

/**
 * GET /v1/videos/{video_id}/content?variant=: real media of the job's size and duration, in the
 * look its id picks, once it is completed (`video not ready, current status: <status>` before).
 * Serves one byte range (206), and 416 for a range past the end.
 */
export function downloadVideoContent({ videoId, params, header, world, media }: HandlerInput): MockResponse {
  const { id, provider } = videoTarget(videoId, world, downloadVideoContentRequestType);
  const video = world.retrieve(provider, id);
  if (video.status !== 'completed') throw errors.videoNotReady(video.status);
  const variant = (params['variant'] as MediaVariant | undefined) ?? 'video';
  // The id picks the job's look, so a gallery of jobs shows different media, each job its own for good.
  const file = media.file(variant, video.size, video.seconds, video.id);
  const total = file.bytes.length;
  const headers = { 'Content-Type': file.contentType, 'Accept-Ranges': 'bytes' };
  const range = byteRange(header('range'), total);
  if (range === 'unsatisfiable') {
    throw new MockError(
      416,
      { message: `range not satisfiable: the ${variant} is ${total} bytes`, type: 'invalid_request_error', param: 'Range' },
      { 'Content-Range': `bytes */${total}` },
    );
  }
  if (range === undefined) return { status: 200, body: file.bytes, headers };
  return {
    status: 206,
    // A view of the shared bytes, not a copy.
    body: file.bytes.subarray(range.start, range.end + 1),
    headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${total}` },
  };
}
