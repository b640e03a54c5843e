import type { OperationContract } from '../core/openapi/compileContract.js';
import type { TargetClient } from './createTargetClient.js';

export interface ListPage {
  url: string;
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  /** Where the response breaks the spec for its status; empty when it matches. */
  problems: string[];
  durationMs: number;
}

export type ListQuery = Record<string, string | string[] | undefined>;

export interface ListClient {
  /** GETs the list operation with these query values (auth added unless `auth: false`). */
  get(query: ListQuery, options?: { auth?: boolean }): Promise<ListPage>;
}

/** The list operation over the target client, every response judged against the spec. */
export function createListClient(target: TargetClient, operation: OperationContract, timeoutMs: number): ListClient {
  return {
    async get(query, { auth = true } = {}) {
      const response = await target.send({ path: operation.path, query, auth });
      const page = { url: response.url, status: response.status, body: response.json, durationMs: response.durationMs };
      if (response.status === 0) return { ...page, problems: [`no answer within ${timeoutMs} ms (--timeout)`] };
      if (response.json === undefined) return { ...page, problems: ['the body is not JSON'] };
      return { ...page, problems: operation.validateResponse(response.status, response.json).problems };
    },
  };
}
