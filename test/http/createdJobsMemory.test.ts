import { getHeapStatistics } from 'node:v8';
import { createdJobBytes } from '../../src/core/jobs/createJobStore.js';
import type { JobRecord } from '../../src/core/data/JobRecord.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { collectGarbage } from '../support/collectGarbage.js';

const BUDGET = 1024 * 1024;
/** The longest prompt the spec allows. */
const PROMPT_LENGTH = 32_000;

let server: TestServer;
beforeAll(async () => {
  // A small journal, so what it keeps of the last requests does not blur the heap measured here.
  server = await startTestServer({ maxCreatedJobsBytes: BUDGET, journalSize: 5 });
});
afterAll(() => server.close());

async function create(n: number): Promise<string> {
  const response = await fetch(`${server.url}/v1/videos`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/sora-2', prompt: `${n} `.padEnd(PROMPT_LENGTH, 'a slow pan over a harbour at dawn ') }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

async function heapAfterGc(): Promise<number> {
  await collectGarbage();
  return getHeapStatistics().used_heap_size;
}

describe('created jobs under a byte budget (maxCreatedJobsBytes)', () => {
  test('800 creates of maximum-size prompts keep only the newest that fit, and the heap does not grow with the rest', async () => {
    for (let n = 0; n < 20; n++) await create(n); // warm-up: what the first requests load and compile
    const before = await heapAfterGc();
    const ids: string[] = [];
    for (let batch = 0; batch < 100; batch++) ids.push(...(await Promise.all(Array.from({ length: 8 }, (_, i) => create(batch * 8 + i)))));
    const listed = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as { data: { id: string }[] };
    const created = new Set(ids);
    const kept = listed.data.filter((video) => created.has(video.id)).map((video) => video.id);
    // What one of these jobs is charged: its id and model as the server makes them, its prompt.
    const charge = createdJobBytes({ id: ids[0]!, model: 'sora-2', prompt: 'x'.repeat(PROMPT_LENGTH) } as JobRecord);
    expect(kept.length).toBeGreaterThanOrEqual(Math.floor((0.99 * BUDGET) / charge) - 1);
    expect(kept.length).toBeLessThanOrEqual(Math.floor(BUDGET / charge));
    // The ones kept are the newest; the oldest are gone, as expired jobs would be.
    expect(new Set(kept)).toEqual(new Set(ids.slice(-kept.length)));
    expect((await fetch(`${server.url}/v1/videos/${ids[0]}`, { headers: AUTH })).status).toBe(404);
    expect((await fetch(`${server.url}/v1/videos/${ids.at(-1)}`, { headers: AUTH })).status).toBe(200);
    // 800 prompts of 32,000 characters are 25 MB at least; the budget keeps 1 MiB of them.
    const grown = (await heapAfterGc()) - before;
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });
});

test('a byte budget too small for a few jobs of the longest prompt is refused at startup, naming the option', async () => {
  await expect(startTestServer({ maxCreatedJobsBytes: 64 * 1024 })).rejects.toThrow('maxCreatedJobsBytes: 65536 is not an integer from 1048576 to 1099511627776');
});
