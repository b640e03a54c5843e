import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';
import { videoClient } from '../support/videoApi.js';

import type { ClockState } from '../../src/shared/clockState.js';

async function clockRequest(server: TestServer, body?: unknown): Promise<{ status: number; body: ClockState & BifrostError }> {
  const response = await fetch(`${server.url}/__mock/clock`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as ClockState & BifrostError;
  if (response.status >= 400) expect(errorSchemaProblems(json)).toEqual([]);
  return { status: response.status, body: json };
}

describe('the admin clock of a frozen server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 20, renderSpeed: 2 });
  });
  afterAll(() => server.close());
  afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

  test('GET says where time stands, in which mode, at what render speed', async () => {
    expect((await clockRequest(server)).body).toEqual({ now: '2026-01-15T12:00:00.000Z', nowUnix: 1768478400, mode: 'frozen', movedSeconds: 0, renderSpeed: 2 });
  });

  test('advance and set (ISO or unix seconds) move it forward', async () => {
    expect((await clockRequest(server, { advance: 90 })).body.now).toBe('2026-01-15T12:01:30.000Z');
    expect((await clockRequest(server, { set: '2026-01-16T00:00:00Z' })).body.now).toBe('2026-01-16T00:00:00.000Z');
    expect((await clockRequest(server, { set: 1768608000 })).body.nowUnix).toBe(1768608000);
  });

  test.each([
    ['backwards', { set: '2026-01-01T00:00:00Z' }, /never goes backwards/],
    ['a negative advance', { advance: -5 }, /advance/],
    ['not a time', { set: 'tomorrow' }, /not an ISO 8601 time/],
    ['a string Date.parse would half-read', { set: 'x 2030' }, /"x 2030" is not an ISO 8601 time/],
    ['to a day the month does not have (Date.parse would set March 2)', { set: '2026-02-30' }, /^POST \/__mock\/clock: set: "2026-02-30" is not a real date: February 2026 has 28 days; the clock is unchanged$/],
    ['an advance past what a Date can hold', { advance: 1e13 }, /is after 2100-01-01/],
    ['two moves at once', { advance: 1, set: 1 }, /send \{"advance"/],
    ['an unknown move', { rewind: 1 }, /send \{"advance"/],
    ['back to real time, on a frozen clock', { live: true }, /live: the clock is frozen/],
    ['live: false', { live: false }, /live: only true is accepted/],
  ])('a move %s is a 400 and the clock stays', async (_name, body, message) => {
    await clockRequest(server, { advance: 10 });
    const refused = await clockRequest(server, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(message);
    expect((await clockRequest(server)).body.now).toBe('2026-01-15T12:00:10.000Z');
  });

  test('POST /__mock/reset/jobs forgets created jobs and deletions and puts the clock back, and keeps the rules and the journal', async () => {
    const client = videoClient(server);
    const created = await client.videos.create({ prompt: 'x', model: 'openai/sora-2' });
    await clockRequest(server, { advance: 60 });
    await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'gemini hangs', match: { provider: 'gemini' }, respond: { preset: 'hang' } }) });
    const reset = await fetch(`${server.url}/__mock/reset/jobs`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ reset: 'jobs' });
    expect((await clockRequest(server)).body).toMatchObject({ now: '2026-01-15T12:00:00.000Z', movedSeconds: 0 });
    expect((await fetch(`${server.url}/v1/videos/${created.id}`, { headers: AUTH })).status).toBe(404);
    const rules = (await (await fetch(`${server.url}/__mock/faults`)).json()) as { rules: unknown[] };
    expect(rules.rules).toHaveLength(1);
    const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { method: string }[] };
    expect(journal.requests.some((r) => r.method === 'POST')).toBe(true);
  });

  test('reset puts the clock back and forgets created jobs and deletions', async () => {
    const client = videoClient(server);
    const created = await client.videos.create({ prompt: 'x', model: 'openai/sora-2' });
    const seeded = (await client.videos.list({ limit: 20, order: 'asc' })).data[0]!;
    await client.videos.delete(seeded.id);
    await clockRequest(server, { advance: 3600 });
    const reset = await fetch(`${server.url}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await clockRequest(server)).body.now).toBe('2026-01-15T12:00:00.000Z');
    const ids = (await client.videos.list({ limit: 100 })).data.map((v) => v.id);
    expect(ids).toHaveLength(20);
    expect(ids).toContain(seeded.id);
    expect(ids).not.toContain(created.id);
  });
});

describe('a live clock', () => {
  test('goes back to real time with {"live": true} after an advance; refusals leave it where it was', async () => {
    const server = await startTestServer({ clock: 'live', jobs: 10 });
    try {
      const ahead = await clockRequest(server, { advance: 3600 });
      expect(ahead.body.movedSeconds).toBe(3600);
      expect(Date.parse(ahead.body.now) - Date.now()).toBeGreaterThan(3_500_000);
      const refused = await clockRequest(server, { live: 'yes' });
      expect(refused.status).toBe(400);
      expect((await clockRequest(server)).body.movedSeconds).toBe(3600);
      const back = await clockRequest(server, { live: true });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ mode: 'live', movedSeconds: 0 });
      expect(Math.abs(Date.parse(back.body.now) - Date.now())).toBeLessThan(60_000);
    } finally {
      await server.close();
    }
  });

  test('with a high --render-speed, a created job reaches completed over real HTTP while the client polls', async () => {
    const server = await startTestServer({ clock: 'live', renderSpeed: 200, jobs: 10 });
    try {
      expect((await clockRequest(server)).body.mode).toBe('live');
      const client = videoClient(server);
      const created = await client.videos.create({ prompt: 'a fast cat', model: 'openai/sora-2' });
      expect(created.status).toBe('queued');
      const started = Date.now();
      const statuses: string[] = [];
      let video = created;
      while (video.status !== 'completed' && Date.now() - started < 10_000) {
        const { data, response } = await client.videos.retrieve(created.id).withResponse();
        video = data;
        statuses.push(video.status);
        const wait = Number(response.headers.get('openai-poll-after-ms') ?? 0);
        if (video.status !== 'completed') await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 100)));
      }
      expect(video.status).toBe('completed');
      expect(video.completed_at).toBeGreaterThanOrEqual(created.created_at);
      // Real time passed between the creation and the end: no clock was moved by hand.
      expect(Date.now() - started).toBeGreaterThan(0);
      expect(statuses.at(-1)).toBe('completed');
    } finally {
      await server.close();
    }
  });

  test('even at the highest --render-speed, create answers queued with progress 0, as the gateway does', async () => {
    const server = await startTestServer({ clock: 'live', renderSpeed: 100_000, jobs: 10 });
    try {
      const created = await videoClient(server).videos.create({ prompt: 'a very fast cat', model: 'openai/sora-2' });
      expect(created).toMatchObject({ status: 'queued', progress: 0 });
    } finally {
      await server.close();
    }
  });

  test('the seeded world is anchored at the real start time by default, so jobs read "a moment ago"', async () => {
    const server = await startTestServer({ clock: 'live', jobs: 10 });
    try {
      const response = await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH });
      const page = (await response.json()) as { data: { created_at: number }[] };
      const age = Date.now() / 1000 - page.data[0]!.created_at;
      expect(age).toBeGreaterThanOrEqual(29);
      expect(age).toBeLessThan(120);
    } finally {
      await server.close();
    }
  });
});

describe('a browser app on another origin', () => {
  test('can read the poll hint of a running job (CORS exposes it)', async () => {
    const server = await startTestServer({ jobs: 5 });
    try {
      const created = await videoClient(server).videos.create({ prompt: 'x', model: 'openai/sora-2' });
      const response = await fetch(`${server.url}/v1/videos/${created.id}`, { headers: { ...AUTH, Origin: 'http://localhost:5173' } });
      expect(response.headers.get('openai-poll-after-ms')).toBe('2000');
      expect(response.headers.get('access-control-expose-headers')).toContain('openai-poll-after-ms');
    } finally {
      await server.close();
    }
  });
});
