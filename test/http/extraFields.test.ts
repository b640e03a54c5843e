import type { VideoList } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

/** A copy of the spec whose Video has one more required field of each kind, and an optional one. */
const specPath = writeSpecVariant('video-extras', (doc) => {
  const video = doc.components.schemas['Video']!;
  Object.assign(video.properties, {
    thumbnail_url: { type: 'string', format: 'uri' },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    quality: { type: 'string', enum: ['draft', 'review', 'final'] },
    encoding: {
      type: 'object',
      required: ['codec', 'fps'],
      properties: { codec: { type: 'string', enum: ['h264', 'av1'] }, fps: { type: 'integer', minimum: 24, maximum: 60 } },
    },
    chapters: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: { type: 'object', required: ['title', 'start'], properties: { title: { type: 'string', minLength: 1 }, start: { type: 'number', minimum: 0 } } },
    },
    reviewer: { type: ['string', 'null'], format: 'email' },
    cover_url: { type: 'string', 'x-faker': 'image.url' },
  });
  video.required = [...(video.required ?? []), 'thumbnail_url', 'rating', 'quality', 'encoding', 'chapters', 'reviewer'];
  doc.components.schemas['ListExtraFields']!.properties['region'] = { type: 'string', enum: ['us', 'eu'] };
  doc.components.schemas['ListExtraFields']!.required!.push('region');
});
const judge = judgeWith(specPath);
const NEW_FIELDS = ['thumbnail_url', 'rating', 'quality', 'encoding', 'chapters', 'reviewer', 'cover_url'] as const;

type Job = VideoList['data'][number] & Record<string, unknown>;
type Page = Omit<VideoList, 'data'> & { data: Job[] };

async function page(server: TestServer, query: string): Promise<Page> {
  const response = await fetch(`${server.url}/v1/videos?provider=openai&${query}`, { headers: AUTH });
  const body = (await response.json()) as Page;
  expect(response.status).toBe(200);
  expect(judge('get', '/v1/videos', 200, body)).toEqual([]);
  return body;
}

const pick = (job: Record<string, unknown>) => Object.fromEntries(NEW_FIELDS.filter((f) => f in job).map((f) => [f, job[f]]));

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ specPath, seed: 9 }), startTestServer({ specPath, seed: 9 })]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('fields the spec adds to the domain responses', () => {
  test('a required field of each kind answers 200 with bodies valid against the new spec', async () => {
    const body = await page(a, 'limit=100');
    expect(a.logs).toEqual([]);
    expect(body.extra_fields).toMatchObject({ request_type: 'video_list', region: expect.stringMatching(/^(us|eu)$/) });
    for (const job of body.data) {
      expect(new URL(job['thumbnail_url'] as string).protocol).toMatch(/^https?:$/);
      expect(job['rating']).toEqual(expect.any(Number));
      expect(job['encoding']).toEqual({ codec: expect.any(String), fps: expect.any(Number) });
      expect((job['chapters'] as unknown[]).length).toBeGreaterThanOrEqual(1);
      expect(job).toHaveProperty('reviewer');
    }
    // Nullable types give both kinds of values across a page.
    expect(new Set(body.data.map((j) => (j['reviewer'] === null ? 'null' : typeof j['reviewer'])))).toEqual(new Set(['null', 'string']));
  });

  test('the known fields keep their realistic values', async () => {
    const body = await page(a, 'limit=20');
    for (const job of body.data) {
      expect(job.id).toMatch(/^video_[0-9a-f]{48}:openai$/);
      expect(['sora-2', 'sora-2-pro']).toContain(job.model.replace(/-\d{4}-\d{2}-\d{2}$/, ''));
    }
  });

  test('optional fields appear at a seeded rate, x-faker ones with the named faker method', async () => {
    const body = await page(a, 'limit=100');
    const withCover = body.data.filter((job) => 'cover_url' in job);
    expect(withCover.length).toBeGreaterThan(20);
    expect(withCover.length).toBeLessThan(80);
    for (const job of withCover) expect(job['cover_url']).toMatch(/^https:\/\//);
  });

  test("a job's new fields are the same on every page that shows it", async () => {
    const first = await page(a, 'limit=5');
    const shifted = await page(a, `limit=3&after=${first.data[1]!.id}`);
    expect(shifted.data[0]!.id).toBe(first.data[2]!.id);
    expect(pick(shifted.data[0]!)).toEqual(pick(first.data[2]!));
    const ascending = await page(a, 'limit=100&order=asc');
    const descending = await page(a, 'limit=100&order=desc');
    const byId = new Map(ascending.data.map((job) => [job.id, JSON.stringify(pick(job))]));
    const both = descending.data.filter((job) => byId.has(job.id));
    for (const job of both) expect(JSON.stringify(pick(job))).toBe(byId.get(job.id));
  });

  test("the lifecycle's domain answers carry them too: a retrieve gives the list's values, a create valid ones", async () => {
    const listed = (await page(a, 'limit=3')).data[1]!;
    const response = await fetch(`${a.url}/v1/videos/${listed.id}`, { headers: AUTH });
    const retrieved = (await response.json()) as Job;
    expect(response.status).toBe(200);
    expect(judge('get', '/v1/videos/{video_id}', 200, retrieved)).toEqual([]);
    expect(pick(retrieved)).toEqual(pick(listed));
    const created = await fetch(`${a.url}/v1/videos`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/sora-2', prompt: 'a lighthouse at dusk' }),
    });
    const job = (await created.json()) as Job;
    expect(created.status).toBe(200);
    expect(judge('post', '/v1/videos', 200, job)).toEqual([]);
    expect(job['thumbnail_url']).toEqual(expect.any(String));
    expect(a.logs).toEqual([]);
  });

  test('two servers with the same seed send byte-identical bodies (but for the measured latency)', async () => {
    const texts = await Promise.all(
      [a, b].map(async (server) => {
        const text = await (await fetch(`${server.url}/v1/videos?provider=azure&limit=50`, { headers: AUTH })).text();
        return text.replace(/"latency":\d+/, '"latency":0');
      }),
    );
    expect(texts[0]).toContain('"thumbnail_url"');
    expect(texts[1]).toBe(texts[0]);
  });

  test('jobs of a large dataset, derived afresh for every page, keep their values too', async () => {
    const large = await startTestServer({ specPath, seed: 9, jobs: 20_000 });
    try {
      const first = await page(large, 'limit=50&order=asc');
      const again = await page(large, `limit=49&order=asc&after=${first.data[0]!.id}`);
      expect(again.data.map(pick)).toEqual(first.data.slice(1).map(pick));
    } finally {
      await large.close();
    }
  });

  test('another seed gives other values', async () => {
    const other = await startTestServer({ specPath, seed: 10 });
    try {
      const [mine, theirs] = await Promise.all([page(a, 'limit=10'), page(other, 'limit=10')]);
      expect(JSON.stringify(theirs.data.map(pick))).not.toBe(JSON.stringify(mine.data.map(pick)));
    } finally {
      await other.close();
    }
  });
});
