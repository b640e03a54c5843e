import type { Dataset } from '../../data/createDataset.js';
import { errors } from '../../errors/catalog.js';
import { paginate, type SortOrder } from '../../pagination/paginate.js';
import type { ParameterValues } from '../../spec/readParameters.js';
import type { VideoList } from '../../spec/payloads.js';
import type { MockResponse } from '../MockResponse.js';

/** What the gateway reports as `extra_fields.request_type` for this operation. */
export const listVideosRequestType = 'video_list';

export interface ListVideosInput {
  params: ParameterValues;
  dataset: Dataset;
  /** Milliseconds spent on the request so far, reported as `extra_fields.latency`. */
  elapsedMs: () => number;
}

/**
 * GET /v1/videos. Parameters arrive validated and defaulted from the spec, so only what the
 * spec cannot say (which providers exist and can list, which cursors are real) is checked here.
 */
export function listVideos({ params, dataset, elapsedMs }: ListVideosInput): MockResponse {
  const provider = String(params['provider']);
  if (!dataset.profile(provider)) throw errors.unknownProvider(provider);
  const jobs = dataset.jobs(provider);
  if (!jobs) throw errors.unsupportedOperation(provider);

  const after = params['after'] as string | undefined;
  let afterPosition: number | undefined;
  if (after !== undefined) {
    afterPosition = jobs.positionOf(after);
    if (afterPosition === undefined) throw errors.unknownCursor(after, provider);
  }
  // The spec's defaults are already filled in; these apply only to a spec without them,
  // and are what OpenAI does then.
  const page = paginate({
    total: jobs.count,
    order: (params['order'] as SortOrder | undefined) ?? 'desc',
    limit: Number(params['limit'] ?? 20),
    afterPosition,
  });
  const data = jobs.jobsAt(page.positions);
  const body: VideoList = {
    object: 'list',
    data,
    ...(data.length > 0 && { first_id: data[0]?.id, last_id: data[data.length - 1]?.id }),
    has_more: page.hasMore,
    extra_fields: {
      request_type: listVideosRequestType,
      provider,
      latency: Math.round(elapsedMs()),
      chunk_index: 0,
    },
  };
  return { status: 200, body };
}
