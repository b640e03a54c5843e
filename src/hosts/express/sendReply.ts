import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import type { Log } from '../../core/pipeline/judgeResponse.js';
import type { MockReply } from '../../core/pipeline/MockExchange.js';
import type { NodeMockRequest } from './NodeMockRequest.js';
import type { ShutdownState } from './shutdownState.js';
import { errorDetail } from '../../core/errors/errorDetail.js';

/** What a bug of ours while answering on `res` comes to (see answerHostError). */
export type HostFailure = (res: ServerResponse, error: unknown) => void;

/** Acts out a reply of the core on the request it answers. */
export type SendReply = (reply: MockReply, request: NodeMockRequest) => void;

/** A reply without a delay, waiting to be written with the others of its turn (see TurnBatch). */
export interface PendingReply {
  reply: MockReply;
  request: NodeMockRequest;
  /** What a write Node refuses comes to, for the app that decided it. */
  fail: HostFailure;
}

/**
 * Acts out the core's replies on Node's responses: each waits its delay unless the client
 * leaves, then is written, or breaks the connection the way a real network does. A reply without
 * a delay goes to `later`, to be written with the others of its turn (see TurnBatch). The journal
 * hears how each ended when its response closes.
 */
export function createReplySender(shutdown: ShutdownState, fail: HostFailure, log: Log, later: (pending: PendingReply) => void): SendReply {
  return (reply, request) => {
    const { req, res } = request;
    // ('close' comes once: `on`, without the wrapper `once` makes per request.)
    res.on('close', () => recordEnd(reply, request, log));
    // A client gone before its request was decided may have closed already: its 'close' came
    // before this listener, and the journal still hears of it (a second call changes nothing).
    if (req.socket.destroyed) return recordEnd(reply, request, log);
    // Most requests wait for nothing: no promise, no timer of their own.
    if (reply.delayMs === 0) return later({ reply, request, fail });
    void waitUnlessGone(reply.delayMs, res).then((waited) => {
      if (waited) writeReply({ reply, request, fail }, shutdown, log);
    });
  };
}

/**
 * Tells the journal the exchange is over. An event listener that threw would end the process:
 * the journal's failure is only logged.
 */
function recordEnd(reply: MockReply, { method, url, res }: NodeMockRequest, log: Log): void {
  try {
    reply.finished(res.headersSent);
  } catch (error) {
    log(`cannot record ${method} ${url} in the journal: ${errorDetail(error)}`);
  }
}

/** Writes a reply, or acts out its network fault; a write Node refuses (a header it will not send, say) fails this request only. */
export function writeReply({ reply, request, fail }: PendingReply, shutdown: ShutdownState, log: Log): void {
  if (request.res.headersSent) return; // answered already (cut off by the host): writing again would throw
  // The client left while the reply waited: nothing to write to. The journal hears of it here,
  // as a response queued behind another on its connection never gets a 'close' of its own.
  if (request.req.socket.destroyed) return recordEnd(reply, request, log);
  try {
    act(reply, request, shutdown);
  } catch (error) {
    fail(request.res, error);
  }
}

function act(reply: MockReply, { req, res }: NodeMockRequest, shutdown: ShutdownState): void {
  switch (reply.network) {
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'empty':
      req.socket.destroy();
      return;
    case 'hang':
      shutdown.hold(req.socket);
      return;
    case undefined:
      break;
  }
  const { headers, body } = reply;
  // A response finished while the server closes says so, so clients do not reuse the socket.
  if (shutdown.closing) headers['Connection'] = 'close';
  if (body === undefined) {
    res.writeHead(reply.status, headers);
    res.end(); // a response the spec gives no content (204)
    return;
  }
  headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.writeHead(reply.status, headers);
  res.end(body); // Node drops the body of a HEAD response itself
}

/**
 * Waits `ms`, unless the client goes away first (then false). A client that gives up, or a
 * server torn down after its grace period, ends the wait: no timer outlives its request.
 */
async function waitUnlessGone(ms: number, res: ServerResponse): Promise<boolean> {
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once('close', abort);
  try {
    await sleep(ms, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', abort);
  }
}
