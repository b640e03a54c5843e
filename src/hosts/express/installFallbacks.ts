import type { ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import { respond } from './respond.js';

/** The last-resort handler of the admin API's Express app: see answerHostError. */
export function installFallbacks(app: Express, judgeError: () => Judge, log: Log): void {
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => answerHostError(res, error, judgeError(), log));
}

/**
 * What a bug of ours in the host comes to (the core answers its own): a 500 BifrostError for
 * that request, logged, never a stack trace in the body, and never a crash.
 */
export function answerHostError(res: ServerResponse, error: unknown, judge: Judge, log: Log): void {
  if (res.headersSent) {
    log(`error after the response started: ${error instanceof Error ? error.message : String(error)}`);
    res.destroy();
    return;
  }
  // Whatever the failed response had set (a header Node refuses, say) must not fail this one
  // too; and should even that throw, the socket is closed rather than the process lost.
  try {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    respond(res, errorResponse(error, {}, log), judge, {}, log);
  } catch (again) {
    log(`cannot send the error response: ${again instanceof Error ? again.message : String(again)}`);
    res.destroy();
  }
}
