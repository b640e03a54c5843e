import type { NextFunction, Request, Response } from 'express';
import type { Mock } from '../../core/createMock.js';
import type { HostHooks, MockReply } from '../../core/pipeline/MockExchange.js';
import { NodeMockRequest } from './NodeMockRequest.js';
import { hasBody, readBody } from './readBody.js';
import { sendReply } from './sendReply.js';
import type { ShutdownState } from './shutdownState.js';

/**
 * The API itself, as Express middleware: every request that is not the admin API's goes to the
 * core, with its body read first when its operation takes one; the reply is acted out here.
 */
export function serveMock(current: () => Mock, shutdown: ShutdownState) {
  const hooks: HostHooks<NodeMockRequest> = {
    reserveHold: (request) => shutdown.reserve(request.res),
    holdCeiling: shutdown.maxHeld,
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const mock = current();
    const request = new NodeMockRequest(req, res, req.originalUrl);
    const act = (reply: MockReply | Promise<MockReply>) => {
      if (reply instanceof Promise) reply.then((ready) => sendReply(ready, request, shutdown, next), next);
      else sendReply(reply, request, shutdown, next);
    };
    if (!hasBody(req) || !mock.takesBody(request.method, request.url)) return act(mock.handle(request, hooks));
    readBody(req).then(({ bytes, problem }) => {
      request.body = bytes;
      request.bodyProblem = problem;
      act(mock.handle(request, hooks));
    }, next);
  };
}
