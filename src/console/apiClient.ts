/**
 * Calls from the console: the admin API (relative to /__mock/, with the admin token when the
 * user gave one) and the video API (with a virtual key the user can change).
 */
const TOKEN_KEY = 'video-jobs-mock.adminToken';
const VIRTUAL_KEY = 'video-jobs-mock.virtualKey';
export const DEFAULT_VIRTUAL_KEY = 'sk-bf-console';

/** An answer other than 2xx, with the BifrostError message the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const settings = {
  get adminToken(): string {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  },
  set adminToken(value: string) {
    sessionStorage.setItem(TOKEN_KEY, value);
  },
  get virtualKey(): string {
    return localStorage.getItem(VIRTUAL_KEY) || DEFAULT_VIRTUAL_KEY;
  },
  set virtualKey(value: string) {
    localStorage.setItem(VIRTUAL_KEY, value);
  },
};

export function adminHeaders(): Record<string, string> {
  const token = settings.adminToken;
  return token ? { 'X-Mock-Admin-Token': token } : {};
}

/** `/__mock/<path>`; JSON bodies are sent as application/json. */
export async function admin<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { ...adminHeaders() };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return readJson<T>(response);
}

/**
 * The video API itself, as an app would call it, but marked as the console's: the mock journals
 * these requests as the console's and never lets them use up a fault rule meant for the app.
 */
export async function videoApi(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${settings.virtualKey}`, 'X-Mock-Source': 'console' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

export async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, `HTTP ${response.status}: the answer is not JSON`);
  }
  if (!response.ok) throw new ApiError(response.status, errorMessage(response.status, body));
  return body as T;
}

function errorMessage(status: number, body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? `${status}: ${message}` : `HTTP ${status}`;
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'TypeError' ? `cannot reach the mock (${error.message})` : error.message;
  return String(error);
}
