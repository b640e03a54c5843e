import { MAX_JOURNAL_STREAMS } from '../../src/hosts/express/admin/journalStream.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';

interface StreamEvent {
  event: string;
  data: unknown;
}

/** Reads server-sent events from /__mock/requests/stream as they arrive. */
async function openStream(server: TestServer, query = '') {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/__mock/requests/stream${query}`, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: StreamEvent[] = [];
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (predicate: (events: StreamEvent[]) => boolean, ms = 2000) => {
    const deadline = Date.now() + ms;
    while (!predicate(events)) {
      if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { response, events, waitFor, close: () => { controller.abort(); return pump; } };
}

describe('the live journal stream', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('?source= narrows the snapshot and the entries alike; a bad filter is a 400 naming it', async () => {
    await fetch(`${server.url}/v1/videos?provider=openai&limit=1&from=app-before`, { headers: AUTH });
    await fetch(`${server.url}/v1/videos?provider=openai&limit=1&from=console-before`, { headers: { ...AUTH, 'X-Mock-Source': 'console' } });
    const stream = await openStream(server, '?source=console');
    try {
      await stream.waitFor((e) => e.some((x) => x.event === 'snapshot'));
      const snapshot = stream.events[0]!.data as { requests: { url: string; source: { kind: string } }[] };
      expect(snapshot.requests.length).toBeGreaterThan(0);
      expect(snapshot.requests.every((r) => r.source.kind === 'console')).toBe(true);
      expect(snapshot.requests.map((r) => r.url)).toContain('/v1/videos?provider=openai&limit=1&from=console-before');
      await fetch(`${server.url}/v1/videos?provider=openai&limit=1&from=app-after`, { headers: AUTH });
      await fetch(`${server.url}/v1/videos?provider=openai&limit=1&from=console-after`, { headers: { ...AUTH, 'X-Mock-Source': 'console' } });
      await stream.waitFor((e) => e.some((x) => x.event === 'entry'));
      const urls = stream.events.filter((x) => x.event === 'entry').map((x) => (x.data as { url: string }).url);
      expect(urls).toEqual(['/v1/videos?provider=openai&limit=1&from=console-after']);
    } finally {
      await stream.close();
    }
    const refused = await fetch(`${server.url}/__mock/requests/stream?source=everyone`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/source: "everyone" is neither console nor app/);
  });

  test('sends a snapshot, then each finished request within two seconds, then a clear on reset', async () => {
    await fetch(`${server.url}/v1/videos?provider=openai&limit=1&before=1`, { headers: AUTH });
    const stream = await openStream(server);
    try {
      expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);
      await stream.waitFor((e) => e.some((x) => x.event === 'snapshot'));
      const snapshot = stream.events[0]!.data as { requests: { url: string }[] };
      expect(snapshot.requests.map((r) => r.url)).toContain('/v1/videos?provider=openai&limit=1&before=1');
      await fetch(`${server.url}/v1/videos?provider=azure&limit=1`, { headers: { ...AUTH, 'X-Mock-Fault': 'provider_unavailable' } });
      await stream.waitFor((e) => e.some((x) => x.event === 'entry'));
      expect(stream.events.find((x) => x.event === 'entry')!.data).toMatchObject({
        method: 'GET', url: '/v1/videos?provider=azure&limit=1', status: 503, fault: 'provider_unavailable', validation: 'passed',
      });
      await fetch(`${server.url}/__mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      await stream.waitFor((e) => e.some((x) => x.event === 'clear'));
    } finally {
      await stream.close();
    }
  });

  test(`at most ${MAX_JOURNAL_STREAMS} streams at once: one more is a 503, and a closed one frees its place`, async () => {
    const streams = await Promise.all(Array.from({ length: MAX_JOURNAL_STREAMS }, () => openStream(server)));
    try {
      const refused = await fetch(`${server.url}/__mock/requests/stream`);
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/at most 16 journal streams/);
      await streams.pop()!.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await openStream(server);
      expect(again.response.status).toBe(200);
      streams.push(again);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  });

  test('closing the server ends open streams at once instead of waiting for them', async () => {
    const own = await startTestServer();
    const stream = await openStream(own);
    await stream.waitFor((e) => e.length > 0);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await stream.close();
  });
});
