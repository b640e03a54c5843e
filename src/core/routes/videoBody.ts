import type { Video } from '../openapi/payloads.js';

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
 * A video as the gateway answers it outside a list: the object plus `extra_fields`. The world
 * hands out frozen videos, shared by every response that shows them, or fresh ones that are
 * the caller's own (see JobWorld). A fresh one takes `extra_fields` in place: copying a freshly
 * derived job with a spread cost about 2 µs, a tenth of a create's own work. A frozen one is
 * never changed; at latency 0 its body is built, judged and serialized once.
 */
export function videoBody(video: Video, extra: VideoExtraFields): VideoBody {
  if (!Object.isFrozen(video)) {
    const body = video as VideoBody;
    body.extra_fields = extra;
    return body;
  }
  if (extra.latency !== 0 || extra.model_requested !== undefined) return { ...video, extra_fields: extra };
  let bodies = frozenBodies.get(video);
  if (!bodies) frozenBodies.set(video, (bodies = new Map()));
  let body = bodies.get(extra.request_type);
  if (!body) {
    body = Object.freeze({ ...video, extra_fields: Object.freeze({ ...extra }) });
    bodies.set(extra.request_type, body);
  }
  return body;
}
