import type { Request, Response } from 'express';
import { RuleError } from '../../../core/faults/parseRules.js';
import type { Log } from '../../../core/pipeline/judgeResponse.js';

/** Answers an admin request with a BifrostError of this status, message and type. */
export type Fail = (res: Response, status: number, message: string, type: string) => void;

export interface WriteOptions {
  status?: number;
  /** The body is a rule set: it must be sent as JSON. */
  takesRules?: boolean;
}

/** An admin write: `apply` changes the state and returns the answer (see writeRoute). */
export type WriteRoute = (what: string, apply: (body: unknown, req: Request) => unknown, options?: WriteOptions) => (req: Request, res: Response) => void;

/**
 * Builds admin writes. A body is read only when sent as JSON (anything else would read as "no
 * rules"); a write that takes no rules accepts no content type at all too, since a web page can
 * send neither JSON nor nothing cross-site without a preflight that the admin CORS policy
 * refuses. A RuleError is a 400 that leaves the rules in force unchanged.
 */
export function writeRoute(fail: Fail, log: Log): WriteRoute {
  return (what, apply, { status = 200, takesRules = false } = {}) =>
    (req, res) => {
      const type = req.headers['content-type'];
      if ((takesRules || type !== undefined) && !isJson(type)) {
        const send = takesRules ? 'send the rules as JSON with Content-Type: application/json' : 'send no body, or Content-Type: application/json';
        return fail(res, 415, `${req.method} ${req.originalUrl}: ${send}; nothing was changed`, 'invalid_request_error');
      }
      let answer: unknown;
      try {
        answer = apply(req.body, req);
      } catch (error) {
        if (error instanceof RuleError) {
          return fail(res, 400, `${req.method} ${req.originalUrl}: ${error.message}; the rules in force are unchanged`, 'invalid_rule');
        }
        throw error;
      }
      log(`admin: ${what}`);
      res.status(status).json(answer);
    };
}

/**
 * `application/json`, with any parameters: the type the body parser reads. Judged by the header
 * alone, since to Express's `req.is` a DELETE without a body has no type at all.
 */
function isJson(type: string | undefined): boolean {
  return type !== undefined && /^\s*application\/json\s*(?:;|$)/i.test(type);
}
