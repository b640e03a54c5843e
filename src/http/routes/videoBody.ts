import type { Video } from '../../spec/payloads.js';

export interface VideoExtraFields {
  request_type: string;
  provider: string;
  latency: number;
  model_requested?: string;
}

export type VideoBody = Video & { extra_fields: VideoExtraFields };

/** Bodies of final (frozen) videos answered at latency 0, built once per video and request type. */
const frozenBodies = new WeakMap<Video, Map<string, VideoBody>>();

/**
 * A video as the gateway answers it outside a list: the object plus `extra_fields`. A final
 * video is frozen and shared, so its retrieve body is built, judged and serialized once.
 */
export function videoBody(video: Video, extra: VideoExtraFields): VideoBody {
  if (extra.latency !== 0 || extra.model_requested !== undefined || !Object.isFrozen(video)) {
    return { ...video, extra_fields: extra };
  }
  let bodies = frozenBodies.get(video);
  if (!bodies) frozenBodies.set(video, (bodies = new Map()));
  let body = bodies.get(extra.request_type);
  if (!body) {
    body = Object.freeze({ ...video, extra_fields: Object.freeze({ ...extra }) });
    bodies.set(extra.request_type, body);
  }
  return body;
}
