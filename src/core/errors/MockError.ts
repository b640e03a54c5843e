/**
 * The one error class of the mock. Everything that ends a request early throws (or returns)
 * a MockError; `toBifrostError` is the one place that turns it into a response body.
 */
export interface MockErrorDetail {
  message: string;
  type?: string;
  code?: string;
  param?: string;
  /** false when the error imitates one passed through from the provider. */
  isBifrostError?: boolean;
}

export class MockError extends Error {
  readonly status: number;
  readonly detail: MockErrorDetail;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, detail: MockErrorDetail, headers: Record<string, string> = {}) {
    // A MockError is an answer, not a bug: nothing reads its stack, and capturing one was the
    // largest cost of a 400 response.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(detail.message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'MockError';
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}
