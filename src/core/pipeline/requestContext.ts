import type { ErrorContext } from '../errors/toBifrostError.js';
import { providerAndModel } from '../routes/createVideo.js';
import { providerOfVideoId } from '../routes/videoTarget.js';

/** The provider a request is for: `?provider=`, the suffix of a video id, or a create's model prefix. */
export function requestContext(query: URLSearchParams, videoId: string | undefined, body: unknown, requestType: string | undefined): ErrorContext {
  const provider = query.get('provider') || providerOfVideoId(videoId) || providerOfModel(body);
  // Built field by field: every request makes one, and spreads of temporary objects cost it more.
  const context: ErrorContext = {};
  if (provider) context.provider = provider;
  if (requestType) context.requestType = requestType;
  return context;
}

function providerOfModel(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  try {
    return providerAndModel((body as Record<string, unknown>)['model']).provider;
  } catch {
    return undefined;
  }
}
