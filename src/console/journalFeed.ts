import type { JournalEntry } from '../shared/journalEntry.js';
import { adminHeaders } from './apiClient.js';

export type { JournalEntry };

export type FeedEvent =
  | { kind: 'snapshot'; requests: JournalEntry[] }
  | { kind: 'entry'; entry: JournalEntry }
  | { kind: 'clear' }
  | { kind: 'state'; state: 'live' | 'connecting' | 'error'; reason?: string };

/**
 * Reads the journal's server-sent events with fetch rather than EventSource, which cannot
 * send the admin token header. Reconnects after a second when the stream ends.
 */
export function followJournal(onEvent: (event: FeedEvent) => void): () => void {
  let stopped = false;
  let controller: AbortController | undefined;

  const connect = async () => {
    while (!stopped) {
      controller = new AbortController();
      onEvent({ kind: 'state', state: 'connecting' });
      try {
        const response = await fetch('requests/stream', { headers: adminHeaders(), signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onEvent({ kind: 'state', state: 'live' });
        await readEvents(response.body, onEvent);
      } catch (error) {
        if (stopped) return;
        onEvent({ kind: 'state', state: 'error', reason: error instanceof Error ? error.message : String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: FeedEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data === '') continue;
      const payload = JSON.parse(data) as { requests?: JournalEntry[] } & JournalEntry;
      if (event === 'snapshot') onEvent({ kind: 'snapshot', requests: payload.requests ?? [] });
      else if (event === 'entry') onEvent({ kind: 'entry', entry: payload });
      else if (event === 'clear') onEvent({ kind: 'clear' });
    }
  }
}
