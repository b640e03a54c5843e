import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

/** A copy of the spec whose Video has dates from faker's date methods, with and without a format. */
const specPath = writeSpecVariant('faker-dates', (doc) => {
  const video = doc.components.schemas['Video']!;
  Object.assign(video.properties, {
    reviewed_at: { type: 'string', 'x-faker': 'date.recent' },
    archived_on: { type: 'string', format: 'date', 'x-faker': 'date.past' },
    publish_at: { type: 'string', format: 'date-time', 'x-faker': 'date.soon' },
    reminder: { type: 'string', format: 'time', 'x-faker': 'date.soon' },
  });
  video.required = [...(video.required ?? []), 'reviewed_at', 'archived_on', 'publish_at', 'reminder'];
});
const judge = judgeWith(specPath);
const NOW = '2031-03-10T08:00:00Z';
const DAY = 86_400_000;

interface Job {
  reviewed_at: string;
  archived_on: string;
  publish_at: string;
  reminder: string;
}

async function page(server: TestServer): Promise<{ text: string; data: Job[] }> {
  const response = await fetch(`${server.url}/v1/videos?provider=openai&limit=30`, { headers: AUTH });
  const text = await response.text();
  const body = JSON.parse(text) as { data: Job[] };
  expect(response.status).toBe(200);
  expect(judge('get', '/v1/videos', 200, body)).toEqual([]);
  return { text: text.replace(/"latency":\d+/, '"latency":0'), data: body.data };
}

describe("x-faker date methods count from the server's --now, not the real time", () => {
  test('dates are near --now, written as their format asks (ISO 8601 without a format)', async () => {
    const server = await startTestServer({ specPath, seed: 3, now: NOW });
    try {
      const { data } = await page(server);
      const now = Date.parse(NOW);
      for (const job of data) {
        expect(job.reviewed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(now - Date.parse(job.reviewed_at)).toBeGreaterThanOrEqual(0);
        expect(now - Date.parse(job.reviewed_at)).toBeLessThanOrEqual(DAY);
        expect(job.archived_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Date.parse(job.archived_on)).toBeLessThanOrEqual(now);
        expect(Date.parse(job.archived_on)).toBeGreaterThan(now - 366 * DAY);
        expect(Date.parse(job.publish_at) - now).toBeGreaterThanOrEqual(0);
        expect(Date.parse(job.publish_at) - now).toBeLessThanOrEqual(DAY);
        expect(job.reminder).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      expect(server.logs).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('two servers started apart with the same seed and --now send byte-identical dates', async () => {
    const first = await startTestServer({ specPath, seed: 3, now: NOW });
    const mine = await page(first).finally(() => first.close());
    await sleep(50); // the real time moves on between the two
    const second = await startTestServer({ specPath, seed: 3, now: NOW });
    const theirs = await page(second).finally(() => second.close());
    expect(mine.text).toContain('"reviewed_at"');
    expect(theirs.text).toBe(mine.text);
  });
});
