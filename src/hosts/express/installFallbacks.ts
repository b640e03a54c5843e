import type { Express, NextFunction, Request, Response } from 'express';
import { errors } from '../../core/errors/catalog.js';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import { respond, type Judge, type Log } from './respond.js';

/**
 * What answers when no operation does: a 405 listing the path's methods, a 404 for an unknown
 * route, and the last-resort handler for a bug of ours (a BifrostError, never a stack trace).
 */
export function installFallbacks(app: Express, methodsByPath: ReadonlyMap<string, string[]>, judgeError: Judge, log: Log): void {
  for (const [route, methods] of methodsByPath) {
    app.all(route, (req, res) => {
      const error = errors.methodNotAllowed(req.method, req.path, methods);
      respond(res, errorResponse(error, {}, log), judgeError, {}, log);
    });
  }
  app.use((req, res) => {
    respond(res, errorResponse(errors.routeNotFound(req.method, req.path), {}, log), judgeError, {}, log);
  });
  // Last resort for a bug of ours: a BifrostError, logged, never a stack trace in the body.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Express could not decode a path parameter (`%E0%A4%A`): the gateway's answer for an id.
    if (error instanceof URIError && req.path.startsWith('/v1/videos/')) error = errors.invalidVideoIdEncoding();
    if (res.headersSent) {
      log(`error after the response started: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
      return;
    }
    // Whatever the failed response had set (a header Node refuses, say) must not fail this one
    // too; and should even that throw, the socket is closed rather than the process lost.
    try {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      respond(res, errorResponse(error, {}, log), judgeError, {}, log);
    } catch (again) {
      log(`cannot send the error response: ${again instanceof Error ? again.message : String(again)}`);
      res.destroy();
    }
  });
}
