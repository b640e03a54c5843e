import type { Augment } from '../openapi/augmentBody.js';
import type { MockResponse } from './MockResponse.js';

/**
 * The step that adds a spec's extra fields to a domain response, by status; undefined when the
 * operation has none (the bundled spec), so the route runs nothing for it.
 */
export function augmentResponse(byStatus: ReadonlyMap<string, Augment> | undefined) {
  if (!byStatus || byStatus.size === 0) return undefined;
  return (response: MockResponse): MockResponse => {
    const augment = byStatus.get(String(response.status));
    return augment ? { ...response, body: augment(response.body) } : response;
  };
}
