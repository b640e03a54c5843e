import { http, type HttpHandler } from 'msw';
import type { MockControl } from '../../core/control/createControl.js';
import { ConfigError } from '../../core/errors/ConfigError.js';
import { checkOptionNames, describe } from '../../core/settings/checkOptionNames.js';
import { fetchHandlerOptionNames, type FetchHandlerOptions } from '../fetch/FetchHandlerOptions.js';
import { mountMock } from '../fetch/mountMock.js';

export interface HandlersOptions extends FetchHandlerOptions {
  /**
   * Where the API lives: an origin, with a path if it has one (`https://gateway.example/api`),
   * or a path on any origin (`/api`). Your client's own base URL works as it is: a base that
   * ends the way the API's paths begin (`.../v1`, `.../openai/v1`, `.../openai`, as the
   * official SDK's `baseURL` does) keeps that part, so `https://gateway.example/api/v1` serves
   * `https://gateway.example/api/v1/videos`. Every request under it is the mock's, unknown
   * paths answered with the gateway's 404. Default: any origin, and only the spec's paths
   * (`/v1/videos...`, and the gateway's `/openai/v1/videos...` and `/openai/videos...`); any
   * other request is left to your other handlers.
   */
  baseUrl?: string;
}

export interface MockHandlers {
  /** For `setupServer(...handlers)` (msw/node) or `setupWorker(...handlers)` (msw/browser). */
  handlers: HttpHandler[];
  /** The admin API's powers: the clock, faults, reset and the journal. */
  control: MockControl;
}

/**
 * The whole video jobs API as MSW 2 request handlers: the same core as the server, so the
 * same seed and `now` give the same jobs, ids and pages; jobs progress only when the clock is
 * moved (`control.clock.advance(30)`), unless `clock: 'live'`.
 */
export function createHandlers(options: HandlersOptions = {}): MockHandlers {
  checkOptionNames('createHandlers', options, [...fetchHandlerOptionNames, 'baseUrl']);
  const { baseUrl, ...mockOptions } = options;
  const base = parseBase(baseUrl);
  const mounted = mountMock(mockOptions);
  const kept = apiPathStart(base.path, mounted.paths);
  // A regular expression, not a catch-all: a request that is not the mock's matches no handler
  // of ours, so MSW still reports it as unhandled (a handler that matches and answers nothing
  // would pass it through silently). MSW tests it against the URL without its query.
  const paths = baseUrl === undefined ? mounted.pathPattern : '(?:/.*)?';
  const pattern = new RegExp(`^${base.origin}${escapeRegExp(base.path)}${paths}$`, 'i');
  const handler = http.all(pattern, ({ request }) => {
    const url = new URL(request.url);
    const answer = mounted.answer(request, (kept + url.pathname.slice(base.path.length) || '/') + url.search);
    // The client gave up (and MSW has already failed its fetch): end quietly, not as a resolver error.
    return answer.catch((error: unknown) => {
      if (request.signal.aborted) return Response.error();
      throw error;
    });
  });
  return { handlers: [handler], control: mounted.control };
}

interface Base {
  /** A regular expression source for the origin: any, or the one given. */
  origin: string;
  /** The base path, without a trailing slash ('' for none). */
  path: string;
}

const ANY_ORIGIN = '[a-z][a-z0-9+.-]*://[^/]+';

function parseBase(baseUrl: string | undefined): Base {
  if (baseUrl === undefined) return { origin: ANY_ORIGIN, path: '' };
  if (typeof baseUrl !== 'string') throw new ConfigError(`baseUrl: ${describe(baseUrl)} is not an http(s) URL or a path starting with /`);
  if (baseUrl.startsWith('/')) return { origin: ANY_ORIGIN, path: baseUrl.replace(/\/+$/, '') };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(`baseUrl: ${JSON.stringify(baseUrl)} is not an http(s) URL or a path starting with /`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new ConfigError(`baseUrl: ${JSON.stringify(baseUrl)} is not an http(s) URL without query or fragment`);
  }
  return { origin: escapeRegExp(url.origin), path: url.pathname.replace(/\/+$/, '') };
}

/**
 * The end of the base path that is the start of the API's own paths (`/v1` of `/api/v1`, the
 * whole `/openai/v1`), kept in front of what follows the base; '' when it has none.
 */
function apiPathStart(basePath: string, paths: readonly string[]): string {
  const segments = basePath.split('/').slice(1);
  for (let from = 0; from < segments.length; from++) {
    const tail = `/${segments.slice(from).join('/')}`.toLowerCase();
    if (paths.some((path) => path.toLowerCase().startsWith(`${tail}/`))) return basePath.slice(basePath.length - tail.length);
  }
  return '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
