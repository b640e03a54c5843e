import { connect, type Socket } from 'node:net';

/** A raw TCP connection to a test server that keeps what the server sends and when it closed. */
export interface RawSocket {
  socket: Socket;
  /** Everything the server sent, as text. */
  received(): string;
  /** Whether the server (or the client) closed the connection. */
  closed(): boolean;
  /** Resolves once the connection is closed, or false after `ms`. */
  whenClosed(ms: number): Promise<boolean>;
  /** Resolves once the server has sent this much text matching `pattern`, or false after `ms`. */
  whenReceived(pattern: RegExp, ms: number): Promise<boolean>;
}

export function openRawSocket(url: string): Promise<RawSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = '';
    let isClosed = false;
    const socket = connect(Number(port), hostname);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => {});
    socket.once('close', () => (isClosed = true));
    socket.once('error', reject);
    const poll = (done: () => boolean, ms: number) =>
      new Promise<boolean>((settle) => {
        const until = performance.now() + ms;
        const check = () => {
          if (done()) return settle(true);
          if (performance.now() > until) return settle(false);
          setTimeout(check, 20);
        };
        check();
      });
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => text,
        closed: () => isClosed,
        whenClosed: (ms) => poll(() => isClosed, ms),
        whenReceived: (pattern, ms) => poll(() => pattern.test(text), ms),
      }),
    );
  });
}

/** The JSON body of a raw HTTP/1.1 response (everything after the blank line). */
export function rawBody(response: string): unknown {
  const at = response.indexOf('\r\n\r\n');
  return JSON.parse(response.slice(at + 4));
}

/** The value of a header in a raw HTTP/1.1 response, by lower-case name. */
export function rawHeader(response: string, name: string): string | undefined {
  const head = response.slice(0, response.indexOf('\r\n\r\n'));
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}
