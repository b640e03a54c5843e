import type { SortOrder } from '../jobs/pageOfJobs.js';
import type { Video, VideoList } from '../openapi/payloads.js';
import type { MockResponse } from '../pipeline/MockResponse.js';
import type { HandlerInput } from './HandlerInput.js';

/** What the gateway reports as `extra_fields.request_type` for this operation. */
export const listVideosRequestType = 'video_list';

/**
 * GET /v1/videos. Parameters arrive validated and defaulted from the spec, so only what the
 * spec cannot say (which providers exist and can list, which cursors are real) is checked here.
 */
export function listVideos({ params, world, elapsedMs }: Pick<HandlerInput, 'params' | 'world' | 'elapsedMs'>): MockResponse {
  const provider = String(params['provider']);
  world.checkSupport(provider, listVideosRequestType);
  // The spec's defaults are already filled in; these apply only to a spec without them,
  // and are what OpenAI does then.
  const page = world.list(provider, {
    order: (params['order'] as SortOrder | undefined) ?? 'desc',
    limit: Number(params['limit'] ?? 20),
    ...(params['after'] !== undefined && { after: params['after'] as string }),
  });
  return { status: 200, body: listBody(provider, page.data, page.hasMore, Math.round(elapsedMs())) };
}

/**
 * Bodies of cached pages, by page and `has_more`. A cached page is frozen and shared, and
 * nearly every request is answered within half a millisecond (latency 0), so its body can be
 * built and frozen once; respond() then validates and serializes it once, not per request.
 */
const frozenBodies = new WeakMap<readonly Video[], { more?: VideoList; last?: VideoList }>();

function listBody(provider: string, data: readonly Video[], hasMore: boolean, latency: number): VideoList {
  // The empty page is one array shared by every provider: never a key.
  if (latency !== 0 || data.length === 0 || !Object.isFrozen(data)) {
    return buildListBody(provider, data, hasMore, latency);
  }
  let bodies = frozenBodies.get(data);
  if (!bodies) frozenBodies.set(data, (bodies = {}));
  const built = hasMore ? bodies.more : bodies.last;
  if (built) return built;
  const body = buildListBody(provider, data, hasMore, 0);
  Object.freeze(body.extra_fields);
  Object.freeze(body);
  if (hasMore) bodies.more = body;
  else bodies.last = body;
  return body;
}

function buildListBody(provider: string, data: readonly Video[], hasMore: boolean, latency: number): VideoList {
  return {
    object: 'list',
    data,
    ...(data.length > 0 && { first_id: data[0]?.id, last_id: data[data.length - 1]?.id }),
    has_more: hasMore,
    extra_fields: {
      request_type: listVideosRequestType,
      provider,
      latency,
      chunk_index: 0,
    },
  };
}
