import { errors } from '../errors/catalog.js';
import type { JobWorld } from '../jobs/createJobWorld.js';

/**
 * The provider a `{video_id}` routes to, as the gateway reads it: split on the first `:`
 * (`video_abc:openai` → openai), then checked for support of the request type.
 */
export function videoTarget(videoId: string | undefined, world: JobWorld, requestType: string): { id: string; provider: string } {
  const id = checkVideoId(videoId);
  const provider = id.slice(id.indexOf(':') + 1);
  world.checkSupport(provider, requestType);
  return { id, provider };
}

/**
 * The gateway's own checks of a `{video_id}`, in its words: given, and `<id>:<provider>` (what
 * the spec's VideoId pattern says). They come before the spec's checks of the parameter, so the
 * gateway's message is the one a client sees.
 */
export function checkVideoId(videoId: string | undefined): string {
  if (videoId === undefined || videoId === '') throw errors.videoIdRequired();
  const colon = videoId.indexOf(':');
  if (colon <= 0 || colon === videoId.length - 1) throw errors.videoIdFormat();
  return videoId;
}

/** The provider named by a `{video_id}`, if it has one (for error context and fault rules). */
export function providerOfVideoId(videoId: string | undefined): string | undefined {
  const colon = videoId?.indexOf(':') ?? -1;
  return colon > 0 ? videoId!.slice(colon + 1) || undefined : undefined;
}
