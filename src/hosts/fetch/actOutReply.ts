import type { MockReply } from '../../core/pipeline/MockExchange.js';

/** Statuses a fetch Response may not carry a body with. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Acts out the core's reply as a fetch Response: waits its delay (cut short when the request is
 * aborted), then answers, or acts out the network fault: `reset` and `empty` are a network
 * error (`Response.error()`, which fetch, MSW and service workers turn into a failed request);
 * `hang` never answers, until the request is aborted. An aborted request rejects with the
 * signal's reason, as fetch does. The journal hears how it ended.
 */
export async function actOutReply(reply: MockReply, request: Request): Promise<Response> {
  const { signal } = request;
  try {
    if (reply.delayMs > 0) await wait(reply.delayMs, signal);
    else signal.throwIfAborted();
    if (reply.network === 'hang') await wait(Infinity, signal);
  } catch (aborted) {
    reply.finished(false);
    throw aborted;
  }
  if (reply.network === 'reset' || reply.network === 'empty') {
    reply.finished(false);
    return Response.error();
  }
  const response = toResponse(reply, request.method.toUpperCase() === 'HEAD');
  reply.finished(true);
  return response;
}

/** The reply as a Response, with its Content-Length; a HEAD answer and the null-body statuses carry no body. */
function toResponse({ status, headers, body }: MockReply, head: boolean): Response {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out = new Headers(headers);
  if (bytes !== undefined) out.set('Content-Length', String(bytes.byteLength));
  const sendsBody = bytes !== undefined && !head && !NULL_BODY_STATUSES.has(status);
  // The core's bytes live in an ArrayBuffer (never a SharedArrayBuffer): what BodyInit asks for.
  return new Response(sendsBody ? (bytes as Uint8Array<ArrayBuffer>) : null, { status, headers: out });
}

/** Resolves after `ms` (never, for Infinity); rejects with the signal's reason once it aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}
