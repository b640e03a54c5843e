import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import type { HostGuards } from './HostGuards.js';
import { hostErrors } from './hostErrors.js';
import { respond } from './respond.js';

/**
 * The first step of every API request: a closing server says so; a connection from the admin
 * reserve serves `/__mock` only (anything else is a 503 with Retry-After). (A body's deadlines
 * are set where it is read, in serveMock: a small one is taken whole at the end of its turn.)
 * Returns whether the request goes on (false: answered here).
 */
export function admitRequest({ shutdown, connections }: HostGuards, judge: Judge, log: Log) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (shutdown.closing) res.setHeader('Connection', 'close');
    if (connections.inReserve(req.socket) && !isAdminPath(req.url ?? '')) {
      respond(res, errorResponse(hostErrors.connectionReserve(connections.maxConnections), {}, log), judge, {}, log);
      return false;
    }
    return true;
  };
}

/** `/__mock`, `/__mock/...` or `/__mock?...`: the admin API, the console and the health. */
export function isAdminPath(url: string): boolean {
  if (!url.startsWith('/__mock')) return false;
  const next = url.charAt(7);
  return next === '' || next === '/' || next === '?';
}
