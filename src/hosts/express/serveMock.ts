import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mock, MockRoute } from '../../core/createMock.js';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Log } from '../../core/pipeline/judgeResponse.js';
import type { HostHooks, MockReply } from '../../core/pipeline/MockExchange.js';
import type { HostGuards } from './HostGuards.js';
import { hostErrors } from './hostErrors.js';
import { NodeMockRequest } from './NodeMockRequest.js';
import { bufferableLength, takeBufferedBody } from './bufferedBody.js';
import { hasBody, readBody, type ReadBody } from './readBody.js';
import { respond } from './respond.js';
import { createReplySender, type HostFailure } from './sendReply.js';

/** A request ready for the core (its body read, when its operation takes one), waiting for the end of the turn. */
export interface ReadyRequest {
  /** How the app it came to decides it: the server's turn holds the requests of every app. */
  decide(ready: ReadyRequest): void;
  mock: Mock;
  request: NodeMockRequest;
  route: MockRoute | undefined;
  read: ReadBody | undefined;
  /** The length of a body still in Node's buffer, taken when the request is decided (0: none; see bufferedBody). */
  buffered: number;
}

/**
 * The API itself, on Node's own request and response (no Express on this path: see createApp):
 * every request that is not the admin API's goes to the core, with its body read first when
 * its operation takes one; the reply is acted out here. Requests are decided, and replies
 * written, at the end of the event loop's turn (see TurnBatch). Whatever throws on the way,
 * synchronously or in a promise, reaches `fail`: a 500 for this request only.
 */
export function serveMock(current: () => Mock, { shutdown, bodies, bodyMemory, turn }: HostGuards, fail: HostFailure, log: Log) {
  const hooks: HostHooks<NodeMockRequest> = {
    reserveHold: (request) => shutdown.reserve(request.res),
    holdCeiling: shutdown.maxHeld,
  };
  const decide = (ready: ReadyRequest): void => {
    const { mock, request, route, read } = ready;
    try {
      if (ready.buffered > 0) takeBuffered(ready);
      else if (read) withBody(mock, request, route!, read);
      else send(mock.handle(request, hooks, route), request);
    } catch (error) {
      fail(request.res, error);
    }
  };
  /** A small body, whole in Node's buffer by now (else read as a stream from here on). */
  const takeBuffered = (ready: ReadyRequest): void => {
    const length = ready.buffered;
    const bytes = takeBufferedBody(ready.request.req, length);
    if (bytes) {
      let held = length;
      const release = () => {
        bodyMemory.giveBack(held);
        held = 0;
      };
      return withBody(ready.mock, ready.request, ready.route!, { bytes, release });
    }
    bodyMemory.giveBack(length); // readBody takes its own share
    readStreamed({ ...ready, buffered: 0 });
  };
  /** Tracks the body's deadlines, reads it as it arrives, and decides the request at the end of the turn it is in. */
  const readStreamed = (ready: ReadyRequest): void => {
    const { req, res } = ready.request;
    bodies.track(req, res);
    readBody(req, bodyMemory)
      .then((read) => turn.addDecision({ ...ready, read }))
      .catch((error: unknown) => fail(res, error));
  };
  const sendReply = createReplySender(shutdown, fail, log, (pending) => turn.addWrite(pending));
  const send = (reply: MockReply | Promise<MockReply>, request: NodeMockRequest): void => {
    if (reply instanceof Promise) {
      reply.then((ready) => sendReply(ready, request)).catch((error: unknown) => fail(request.res, error));
    } else {
      sendReply(reply, request);
    }
  };
  /** The body is in (or refused): the core decides, and the body's bytes and budget go once it has. */
  const withBody = (mock: Mock, request: NodeMockRequest, route: MockRoute, read: ReadBody): void => {
    const { res } = request;
    let reply: MockReply | Promise<MockReply>;
    try {
      if (res.headersSent) return forget(request, read); // cut off while it was read: its 408 is out already
      if (read.overBudget) {
        forget(request, read);
        respond(res, errorResponse(hostErrors.bodyMemoryBudget(bodyMemory.budgetBytes), {}, log), mock.judgeError, {}, log);
        return;
      }
      request.body = read.bytes;
      request.bodyProblem = read.problem;
      reply = mock.handle(request, hooks, route);
    } catch (error) {
      forget(request, read);
      throw error;
    }
    // Decided: the bytes (an uploaded file, say) are not kept. A multipart body is decided later.
    if (reply instanceof Promise) return send(reply.finally(() => forget(request, read)), request);
    forget(request, read);
    send(reply, request);
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const mock = current();
    const request = new NodeMockRequest(req, res, req.url ?? '/');
    // A request without a body is routed by the core alone; one with a body is routed here
    // first, to read the body only for an operation that takes one, and not routed again.
    if (!hasBody(req)) return turn.addDecision({ decide, mock, request, route: undefined, read: undefined, buffered: 0 });
    const route = mock.routeOf(request.method, request.url);
    const ready: ReadyRequest = { decide, mock, request, route, read: undefined, buffered: 0 };
    if (route.kind !== 'operation' || !route.takesBody) {
      // Not read: drained as it comes (what Node would do after the answer), within its deadlines.
      bodies.track(req, res);
      req.resume();
      return turn.addDecision(ready);
    }
    const length = bufferableLength(req);
    if (length !== undefined && bodyMemory.take(length)) {
      ready.buffered = length;
      return turn.addDecision(ready);
    }
    readStreamed(ready);
  };
}

function forget(request: NodeMockRequest, read: ReadBody): void {
  request.body = undefined;
  read.release();
}
