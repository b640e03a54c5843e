import type { OperationContract } from '../spec/compileContract.js';

export interface ListPage {
  url: string;
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  /** Where the response breaks the spec for its status; empty when it matches. */
  problems: string[];
}

export interface ListClient {
  /** GETs the list operation with these query values (auth added unless `auth: false`). */
  get(query: Record<string, string | undefined>, options?: { auth?: boolean }): Promise<ListPage>;
  requests(): number;
}

export interface ListClientOptions {
  baseUrl: string;
  token?: string;
  operation: OperationContract;
  timeoutMs?: number;
}

/** A tiny HTTP client for the list operation that judges every response against the spec. */
export function createListClient({ baseUrl, token, operation, timeoutMs = 15000 }: ListClientOptions): ListClient {
  let count = 0;
  return {
    requests: () => count,
    async get(query, { auth = true } = {}) {
      // Keep any path prefix of the base URL (a gateway mounted under /api, say).
      const base = new URL(baseUrl);
      const url = new URL(`${base.pathname.replace(/\/$/, '')}${operation.path}`, base);
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined) url.searchParams.set(name, value);
      }
      count += 1;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (auth && token) headers['authorization'] = `Bearer ${token}`;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { url: url.href, status: response.status, body: undefined, problems: ['the body is not JSON'] };
      }
      const verdict = operation.validateResponse(response.status, body);
      return { url: url.href, status: response.status, body, problems: verdict.problems };
    },
  };
}
