import { errors } from '../errors/catalog.js';
import { MockError } from '../errors/MockError.js';
import { toBifrostError, type ErrorContext } from '../errors/toBifrostError.js';
import { copyHeaders } from './copyHeaders.js';
import type { MockResponse } from './MockResponse.js';
import type { Log } from './judgeResponse.js';
import { errorDetail } from '../errors/errorDetail.js';

/** Any thrown value as a BifrostError response; our own bugs are logged, never leaked. */
export function errorResponse(error: unknown, context: ErrorContext, log: Log): MockResponse {
  let mockError: MockError;
  if (error instanceof MockError) {
    mockError = error;
  } else {
    log(`unexpected error: ${errorDetail(error)}`);
    mockError = errors.internal();
  }
  return {
    status: mockError.status,
    body: toBifrostError(mockError, context),
    headers: copyHeaders(mockError.headers),
  };
}
