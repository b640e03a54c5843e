/** What a handler (or the fault layer) decided to send, before it is validated and written. */
export interface MockResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
