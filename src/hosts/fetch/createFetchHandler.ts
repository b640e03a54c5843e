import type { MockControl } from '../../core/control/createControl.js';
import { checkOptionNames, describe } from '../../core/settings/checkOptionNames.js';
import { fetchHandlerOptionNames, type FetchHandlerOptions } from './FetchHandlerOptions.js';
import { mountMock } from './mountMock.js';

export interface FetchHandler {
  /**
   * Answers one request as the server would, in-process: its status, headers and body, after
   * any latency. A network fault is `Response.error()` (`hang`: no answer until the request's
   * signal aborts); an aborted request rejects with the signal's reason.
   */
  handle(request: Request): Promise<Response>;
  /** The admin API's powers: the clock, faults, reset and the journal. */
  control: MockControl;
}

/**
 * The mock as a function of the Fetch API, `(Request) => Promise<Response>`, for any runtime
 * that has one: a test, a service worker, Deno, Bun, a Cloudflare worker. Every path of the
 * request is the API's (`/v1/videos`, `/openai/v1/videos`, ...), whatever its origin.
 */
export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  checkOptionNames('createFetchHandler', options, fetchHandlerOptionNames);
  const mounted = mountMock(options);
  return {
    handle(request) {
      // Plain JavaScript may pass a URL or a string: a rejection that says so, never a throw at the call.
      if (!isRequest(request)) return Promise.reject(new TypeError(`handle: expected a fetch Request, got ${describe(request)} (wrap it: handle(new Request(url, init)))`));
      const url = new URL(request.url);
      return mounted.answer(request, url.pathname + url.search);
    },
    control: mounted.control,
  };
}

/** A Request by its shape: MSW, jsdom environments and other realms each have their own class. */
function isRequest(value: unknown): value is Request {
  const candidate = value as Partial<Request> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.url === 'string' && typeof candidate.method === 'string' && typeof candidate.headers?.get === 'function';
}
