/**
 * What crosses between the core and a host: plain data only. A host (the Express server, a
 * fetch handler, MSW) turns its own request into a MockRequest, hands it to Mock.handle, and
 * acts out the MockReply: waits, then writes it or breaks the connection as it says.
 */
export interface MockRequest {
  /** Upper-case, e.g. `GET`. */
  readonly method: string;
  /** Path and query as sent (origin-form, percent-encoded), e.g. `/v1/videos?provider=openai`. */
  readonly url: string;
  /** A header's value by lower-case name (repeated headers joined with `, `). */
  header(name: string): string | undefined;
  /** Every header as [name, value, name, value, ...], for the journal's detail view. */
  readonly rawHeaders: readonly string[];
  /** The body's bytes, read in full; absent when none was sent. */
  readonly body?: Uint8Array | undefined;
  /** Set when the host could not or would not read the body: past its cap (413), or cut off. */
  readonly bodyProblem?: { kind: 'tooLarge' | 'unreadable'; reason: string } | undefined;
}

/** A network failure the host acts out instead of answering. */
export type NetworkFault = 'reset' | 'empty' | 'hang';

export interface MockReply {
  status: number;
  /** Content-Type included; the host adds Content-Length (and drops the body of a HEAD). */
  headers: Record<string, string>;
  /** JSON text, or bytes (media, text answers); absent for an answer without content. */
  body?: string | Uint8Array | undefined;
  /** Wait this long before answering or acting out the network fault (latency, `slow`). */
  delayMs: number;
  network?: NetworkFault;
  /**
   * The host calls this once, when the exchange is over: `sent` is false when nothing was sent
   * (a network fault, a client that left during the delay). The journal records it then.
   */
  finished(sent: boolean): void;
}

/** What the core may ask of the host while it decides an answer. */
export interface HostHooks<R extends MockRequest = MockRequest> {
  /**
   * Whether this request may keep its connection waiting (a hang, or a delay of a second or
   * more); false when the host's ceiling of such connections is reached (the core answers 503).
   * Without it, every request may.
   */
  reserveHold?(request: R): boolean;
  /** The ceiling reserveHold enforces, for the 503's message. */
  readonly holdCeiling?: number;
}
