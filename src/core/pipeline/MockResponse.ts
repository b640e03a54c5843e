/**
 * What a handler (or the fault layer) decided to send, before it is validated and written.
 * A byte body (Uint8Array) is sent as it is, with the Content-Type in `headers` (downloads); anything
 * else is JSON.
 */
export interface MockResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
