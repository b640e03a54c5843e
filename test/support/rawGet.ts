import { get } from 'node:http';

export type RawOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: string }
  | { kind: 'error'; code: string | undefined; message: string }
  | { kind: 'timeout' };

/** A plain node:http GET that reports what a client sees, network failures included. */
export function rawGet(url: string, headers: Record<string, string>, timeoutMs = 2000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const request = get(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.setTimeout(timeoutMs, () => {
      resolve({ kind: 'timeout' });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code, message: error.message }));
  });
}
