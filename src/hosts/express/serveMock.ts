import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mock } from '../../core/createMock.js';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Log } from '../../core/pipeline/judgeResponse.js';
import type { HostHooks } from '../../core/pipeline/MockExchange.js';
import type { HostGuards } from './HostGuards.js';
import { hostErrors } from './hostErrors.js';
import { NodeMockRequest } from './NodeMockRequest.js';
import { hasBody, readBody } from './readBody.js';
import { respond } from './respond.js';
import { sendReply } from './sendReply.js';

/**
 * The API itself, on Node's own request and response (no Express on this path: see createApp):
 * every request that is not the admin API's goes to the core, with its body read first when
 * its operation takes one; the reply is acted out here. Whatever throws on the way,
 * synchronously or in a promise, reaches `fail`: a 500 for this request only.
 */
export function serveMock(current: () => Mock, { shutdown, bodyMemory }: HostGuards, log: Log) {
  const hooks: HostHooks<NodeMockRequest> = {
    reserveHold: (request) => shutdown.reserve(request.res),
    holdCeiling: shutdown.maxHeld,
  };
  return (req: IncomingMessage, res: ServerResponse, next: (error: unknown) => void): void => {
    const mock = current();
    const request = new NodeMockRequest(req, res, req.url ?? '/');
    // A request without a body is routed by the core alone; one with a body is routed here
    // first, to read the body only for an operation that takes one, and not routed again.
    const route = hasBody(req) ? mock.routeOf(request.method, request.url) : undefined;
    if (route?.kind !== 'operation' || !route.takesBody) {
      const reply = mock.handle(request, hooks, route);
      if (reply instanceof Promise) reply.then((ready) => sendReply(ready, request, shutdown, next, log)).catch(next);
      else sendReply(reply, request, shutdown, next, log);
      return;
    }
    readBody(req, bodyMemory)
      .then(async (read) => {
        try {
          if (res.headersSent) return; // cut off while it was read: its 408 is out already
          if (read.overBudget) {
            respond(res, errorResponse(hostErrors.bodyMemoryBudget(bodyMemory.budgetBytes), {}, log), mock.judgeError, {}, log);
            return;
          }
          request.body = read.bytes;
          request.bodyProblem = read.problem;
          const reply = await mock.handle(request, hooks, route);
          request.body = undefined; // decided: the bytes (an uploaded file, say) are not kept
          sendReply(reply, request, shutdown, next, log);
        } finally {
          read.release();
        }
      })
      .catch(next);
  };
}
