/**
 * The one HTTP client verify uses: extra headers, a per-request timeout, a cap on requests in
 * flight, and bounded retries of 429/503 that honour `Retry-After`. It never throws for an
 * HTTP answer or a timeout (both become a result); only an unreachable server throws.
 */
export interface TargetRequest {
  method?: string;
  /** Path below the base URL, e.g. `/v1/videos`. */
  path: string;
  /** Values in order; an array sends the parameter repeated. */
  query?: Record<string, string | string[] | undefined>;
  json?: unknown;
  /** Text fields sent as `multipart/form-data` (instead of `json`). */
  form?: Record<string, string>;
  /** Extra headers on this request only, e.g. `Range`. */
  headers?: Record<string, string>;
  /**
   * False sends no credentials at all (no token, no auth header from `headers`); `'invalid'`
   * sends a key no gateway accepts, in the header the real key goes in.
   */
  auth?: boolean | 'invalid';
}

export interface TargetResponse {
  method: string;
  url: string;
  /** 0 when no answer came within the timeout. */
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  durationMs: number;
}

export interface RetryNote {
  request: string;
  status: number;
  waitedMs: number;
}

export interface TargetClient {
  send(request: TargetRequest): Promise<TargetResponse>;
  requests(): number;
  retries(): readonly RetryNote[];
}

export interface TargetClientOptions {
  baseUrl: string;
  token?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Extra attempts after a 429 or 503. */
  retries: number;
  /** The longest wait a `Retry-After` may ask for; longer ones are cut to this. */
  maxRetryWaitMs: number;
  concurrency: number;
  onRetry?: (note: RetryNote) => void;
  /** Every final answer (after retries), e.g. to count which statuses were seen. */
  onResponse?: (response: TargetResponse) => void;
}

const AUTH_HEADERS = ['authorization', 'x-bf-vk'];
/** Neither an `sk-bf-` virtual key nor a JWT: refused by its shape, whatever keys a gateway has. */
const INVALID_KEY = 'verify-invalid-key';

export function createTargetClient(options: TargetClientOptions): TargetClient {
  let count = 0;
  const retried: RetryNote[] = [];
  const gate = createGate(options.concurrency);
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // A key given as a header (say x-bf-vk) replaces the Bearer token.
  const hasAuthHeader = AUTH_HEADERS.some((name) => name in headers);
  const base = new URL(options.baseUrl);

  const once = async (request: TargetRequest, url: URL): Promise<TargetResponse> => {
    const sent: Record<string, string> = { accept: 'application/json', ...headers };
    if (request.auth === false || request.auth === 'invalid') {
      const keyHeader = AUTH_HEADERS.find((name) => name in sent) ?? 'authorization';
      for (const name of AUTH_HEADERS) delete sent[name];
      if (request.auth === 'invalid') sent[keyHeader] = keyHeader === 'authorization' ? `Bearer ${INVALID_KEY}` : INVALID_KEY;
    } else if (!hasAuthHeader && options.token) sent['authorization'] = `Bearer ${options.token}`;
    for (const [name, value] of Object.entries(request.headers ?? {})) sent[name.toLowerCase()] = value;
    if (request.json !== undefined) sent['content-type'] = 'application/json';
    const method = request.method ?? 'GET';
    const started = performance.now();
    count += 1;
    try {
      const response = await fetch(url, {
        method,
        headers: sent,
        ...(request.json !== undefined && { body: JSON.stringify(request.json) }),
        // fetch writes the multipart boundary into the Content-Type itself.
        ...(request.form !== undefined && request.json === undefined && { body: formData(request.form) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { method, url: url.href, status: response.status, headers: response.headers, bytes, json: parseJson(bytes), durationMs: performance.now() - started };
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      return { method, url: url.href, status: 0, headers: new Headers(), bytes: Buffer.alloc(0), json: undefined, durationMs: performance.now() - started };
    }
  };

  return {
    requests: () => count,
    retries: () => retried,
    async send(request) {
      // Keep any path prefix of the base URL (a gateway mounted under /api, say).
      const url = new URL(`${base.pathname.replace(/\/$/, '')}${request.path}`, base);
      for (const [name, value] of Object.entries(request.query ?? {})) {
        for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) url.searchParams.append(name, one);
      }
      for (let attempt = 0; ; attempt += 1) {
        const response = await gate(() => once(request, url));
        if ((response.status !== 429 && response.status !== 503) || attempt >= options.retries) {
          options.onResponse?.(response);
          return response;
        }
        const waitedMs = Math.min(retryAfterMs(response.headers.get('retry-after')) ?? 500 * 2 ** attempt, options.maxRetryWaitMs);
        const note = { request: `${response.method} ${response.url}`, status: response.status, waitedMs };
        retried.push(note);
        options.onRetry?.(note);
        await new Promise((resolve) => setTimeout(resolve, waitedMs));
      }
    },
  };
}

/** `Retry-After` is seconds or an HTTP date. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Runs at most `limit` tasks at once, the rest in arrival order. */
function createGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
