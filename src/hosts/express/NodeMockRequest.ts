import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRequest } from '../../core/pipeline/MockExchange.js';

/**
 * A Node request as the core reads it, read lazily: a header is looked up only when the core
 * asks for it, and nothing is copied (Hono's node-server does the same for its Request).
 */
export class NodeMockRequest implements MockRequest {
  readonly method: string;
  readonly url: string;
  body?: Uint8Array | undefined;
  bodyProblem?: { kind: 'tooLarge' | 'unreadable'; reason: string } | undefined;

  constructor(
    readonly req: IncomingMessage,
    /** The response it will be answered on: the host's hooks act on its connection. */
    readonly res: ServerResponse,
    url: string,
  ) {
    this.method = req.method ?? 'GET';
    this.url = url;
  }

  get rawHeaders(): readonly string[] {
    return this.req.rawHeaders;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
