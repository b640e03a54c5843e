import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import { hostErrors } from './hostErrors.js';
import { respond } from './respond.js';
import { errorDetail } from '../../core/errors/errorDetail.js';

/** A body's time budget and minimum rate (see ConnectionLimits). */
export interface BodyTimeLimits {
  bodyTimeoutMs: number;
  minBodyBytesPerSecond: number;
}

/** The minimum rate is judged from this far into a body on: a body's first bytes may lag. */
export const BODY_RATE_GRACE_MS = 1000;
/** How often bodies in progress are checked; no timer runs while none is. */
const CHECK_EVERY_MS = 250;

interface BodyInProgress {
  req: IncomingMessage;
  res: ServerResponse;
  started: number;
  /** The body's bytes Node's parser has handed the request since it was tracked, and those it held then. */
  pushed: number;
  /** The socket's bytesRead when it was tracked: a floor for `pushed` should Node stop handing bytes over. */
  readAtStart: number;
}

/**
 * Every request body being received, with its deadline: a body must arrive in full within
 * `bodyTimeoutMs` of its headers, and at `minBodyBytesPerSecond` or more on average from
 * BODY_RATE_GRACE_MS on. A body past either is cut off: a 408 BifrostError with
 * `Connection: close` when no answer has started yet, else the connection is closed. Under
 * connection pressure the slowest body can be cut the same way (see connectionLimits).
 * Requests without a body are never tracked: they cost nothing here.
 */
export class BodyDeadlines {
  private readonly bodies = new Map<IncomingMessage, BodyInProgress>(); // oldest first
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: BodyTimeLimits,
    private readonly judge: () => Judge,
    private readonly log: Log,
  ) {}

  /** Follows a request's body until it ends (or its connection closes). */
  track(req: IncomingMessage, res: ServerResponse): void {
    if (req.destroyed) return; // closed already: no 'close' would come to untrack it
    // What Node holds of the body already (a small one is tracked only once it was found not
    // whole at the end of its turn, see bufferedBody) arrived too.
    const body: BodyInProgress = { req, res, started: performance.now(), pushed: req.readableLength, readAtStart: req.socket.bytesRead };
    countPushedBytes(body);
    this.bodies.set(req, body);
    const done = () => this.untrack(req);
    req.once('end', done);
    req.once('close', done);
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
      this.timer.unref();
    }
  }

  /**
   * The connection, among `candidates`, whose body is arriving the slowest (the oldest of
   * equals), cut off with a 408 to make room; undefined when none is reading a body.
   */
  cutSlowest(candidates: ReadonlySet<Socket>): Socket | undefined {
    const now = performance.now();
    let slowest: BodyInProgress | undefined;
    let lowest = Infinity;
    for (const body of this.bodies.values()) {
      if (!candidates.has(body.req.socket)) continue;
      const rate = received(body) / Math.max(1, now - body.started);
      if (rate < lowest) {
        lowest = rate;
        slowest = body;
      }
    }
    if (!slowest) return undefined;
    this.cut(slowest, 'the server is at its connection cap and this body was arriving the slowest');
    return slowest.req.socket;
  }

  private check(): void {
    const now = performance.now();
    const { bodyTimeoutMs, minBodyBytesPerSecond } = this.limits;
    for (const body of this.bodies.values()) {
      const elapsed = now - body.started;
      if (elapsed > bodyTimeoutMs) {
        this.cut(body, `the request body did not arrive in full within ${seconds(bodyTimeoutMs)}`);
      } else if (elapsed >= BODY_RATE_GRACE_MS && received(body) < (minBodyBytesPerSecond * elapsed) / 1000) {
        this.cut(body, `the request body arrived slower than ${minBodyBytesPerSecond} bytes/s`);
      }
    }
  }

  private cut({ req, res }: BodyInProgress, reason: string): void {
    this.untrack(req);
    // Once its answer is out, Node no longer ends the request when the connection closes: without
    // this its reader would wait forever, holding its share of the body memory budget.
    req.socket.once('close', () => req.destroy());
    if (res.headersSent || res.writableEnded || res.destroyed) {
      req.socket.destroy();
      return;
    }
    // Called from a timer or a connection event: a throw here would end the process.
    try {
      // Node closes the connection once the 408 is written (Connection: close).
      respond(res, errorResponse(hostErrors.requestTimeout(reason), {}, this.log), this.judge(), {}, this.log);
    } catch (error) {
      this.log(`cannot send the 408 for a body cut off: ${errorDetail(error)}`);
      req.socket.destroy();
    }
  }

  private untrack(req: IncomingMessage): void {
    if (!this.bodies.delete(req) || this.bodies.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Counts the body's bytes as Node's HTTP parser hands them to the request (it calls `push`).
 * The socket's bytesRead cannot tell them: a request is seen once its headers are parsed, and
 * the body's first bytes, read with the headers, were counted before it (a client sending its
 * headers and 40 KB in one write, then pausing, was cut off as too slow).
 */
function countPushedBytes(body: BodyInProgress): void {
  const { req } = body;
  const push = req.push;
  req.push = function pushCounted(this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk != null) body.pushed += (chunk as { length: number }).length;
    return push.call(this, chunk, encoding);
  };
}

function received(body: BodyInProgress): number {
  // Once its answer is out, Node may drop the rest of a body unread, no longer handing it over.
  return Math.max(body.pushed, body.req.socket.bytesRead - body.readAtStart);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
