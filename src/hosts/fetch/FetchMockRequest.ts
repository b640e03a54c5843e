import type { MockRequest } from '../../core/pipeline/MockExchange.js';
import type { ReadBody } from './readRequestBody.js';

/** A fetch Request as the core reads it: headers looked up when asked for, nothing copied. */
export class FetchMockRequest implements MockRequest {
  readonly method: string;
  readonly body?: Uint8Array | undefined;
  readonly bodyProblem?: MockRequest['bodyProblem'];

  constructor(
    readonly request: Request,
    /** Path and query, as the core routes them (a host mounted under a base path strips it). */
    readonly url: string,
    { body, bodyProblem }: ReadBody = {},
  ) {
    this.method = request.method.toUpperCase();
    this.body = body;
    this.bodyProblem = bodyProblem;
  }

  get rawHeaders(): readonly string[] {
    return [...this.request.headers].flat();
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }
}
