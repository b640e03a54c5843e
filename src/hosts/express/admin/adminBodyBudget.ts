import type { NextFunction, Request, Response } from 'express';
import type { BodyMemoryBudget } from '../bodyMemoryBudget.js';
import { RETRY_AFTER_SECONDS } from '../hostErrors.js';
import { hasBody } from '../readBody.js';

/**
 * An admin JSON body takes its share of the body memory budget (its Content-Length, or the
 * admin cap when it is sent chunked) before the JSON parser buffers it, and gives it back when
 * its request is answered; with no room, a 503 with Retry-After at once, the body drained.
 */
export function adminBodyBudget(budget: BodyMemoryBudget, maxBytes: number, refuse: (res: Response, message: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!hasBody(req)) return next();
    const declared = Number(req.headers['content-length'] ?? NaN);
    const share = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, maxBytes) : maxBytes;
    if (!budget.take(share)) {
      req.resume();
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return refuse(res, `admin API: the mock is already holding its ${budget.budgetBytes} bytes of request bodies being read (its body memory budget); nothing was changed, send it again shortly`);
    }
    res.once('close', () => budget.giveBack(share));
    next();
  };
}
