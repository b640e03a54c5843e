import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorResponse } from '../../core/pipeline/errorResponse.js';
import type { Judge, Log } from '../../core/pipeline/judgeResponse.js';
import { hostErrors } from './hostErrors.js';
import { rawResponse } from './respond.js';

/** What Node itself sends for the client errors it answers (lib/_http_server.js). */
const nodeAnswers: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
};
const badRequest = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

/**
 * Node answers a client that breaks HTTP on its own, on the bare socket. Its 408 (request
 * headers, or the whole request, not received in time) is a BifrostError here, like every other
 * answer of the mock; every other client error gets what Node would send (400, or 431 for
 * headers over its 16 KB). As in Node, nothing is written once a response has begun.
 */
export function answerClientErrors(server: Server, judge: () => Judge, log: Log): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      try {
        socket.write(answerFor(error, judge, log));
      } catch (again) {
        log(`cannot answer a client error (${error.code ?? error.message}): ${again instanceof Error ? again.message : String(again)}`);
      }
    }
    socket.destroy();
  });
}

function answerFor(error: NodeJS.ErrnoException, judge: () => Judge, log: Log): string {
  if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') return nodeAnswers[error.code ?? ''] ?? badRequest;
  const timeout = hostErrors.requestTimeout('the request was not received in time (its headers, or the whole request)');
  return rawResponse(undefined, errorResponse(timeout, {}, log), judge(), log, 'Request Timeout');
}
