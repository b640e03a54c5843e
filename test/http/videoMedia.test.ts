import type OpenAI from 'openai';
import { imageInfo, mp4Info } from '../../src/core/media/probeMedia.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { advanceClock, videoClient } from '../support/videoApi.js';

/** What /content sends for each job, read by its headers as a player would. */
let server: TestServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startTestServer({ jobs: 40 }); // frozen clock at the default --now
  client = videoClient(server);
});
afterAll(() => server.close());
afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

type Variant = 'video' | 'thumbnail' | 'spritesheet';
async function download(id: string, variant: Variant = 'video', from = client): Promise<Uint8Array> {
  const response = await from.videos.downloadContent(id, { variant });
  return new Uint8Array(await response.arrayBuffer());
}
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const distinct = (files: Uint8Array[]): number => new Set(files.map((bytes) => Buffer.from(bytes).toString('base64'))).size;

/** Creates jobs of one model, size and duration, and moves the clock until they are all done. */
async function completedJobs(count: number, size: '720x1280' | '1280x720', seconds: '4' | '8' | '12'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await client.videos.create({ prompt: `Shot ${i}`, model: 'openai/sora-2' as OpenAI.VideoModel, size, seconds })).id);
  }
  await advanceClock(server, 600);
  return ids;
}

test('twelve jobs of one size and duration show several looks, each a valid mp4 of that size and duration with sound', async () => {
  const ids = await completedJobs(12, '720x1280', '4');
  const videos = await Promise.all(ids.map((id) => download(id)));
  const thumbnails = await Promise.all(ids.map((id) => download(id, 'thumbnail')));
  expect(distinct(videos)).toBeGreaterThanOrEqual(3);
  expect(distinct(thumbnails)).toBe(distinct(videos));
  for (const video of videos) {
    expect(mp4Info(video)).toEqual({ durationSeconds: 4, width: 720, height: 1280, hasVideo: true, hasAudio: true });
  }
  for (const thumbnail of thumbnails) expect(imageInfo(thumbnail)).toEqual({ format: 'webp', width: 720, height: 1280 });
});

test('a job downloads the same bytes every time, and from a second server with the same seed', async () => {
  const [id] = await completedJobs(1, '1280x720', '8');
  for (const variant of ['video', 'thumbnail', 'spritesheet'] as const) {
    expect(same(await download(id!, variant), await download(id!, variant))).toBe(true);
  }
  const twin = await startTestServer({ jobs: 40 });
  try {
    const twinClient = videoClient(twin);
    await advanceClock(twin, 600); // to the first server's time, where these jobs are completed
    // Created jobs are per instance; seeded ones are the same on every server with the seed.
    const seeded = (await client.videos.list({ limit: 41 })).data.filter((v) => v.status === 'completed' && v.id !== id);
    expect(seeded.length).toBeGreaterThan(3);
    for (const video of seeded.slice(0, 4)) {
      expect(same(await download(video.id), await download(video.id, 'video', twinClient))).toBe(true);
    }
  } finally {
    await twin.close();
  }
});

test("a job's spritesheet follows its duration: 4, 8 and 12 s jobs get different sheets, each a JPEG of 4x4 eighth-size tiles", async () => {
  const ids = [
    ...(await completedJobs(1, '1280x720', '4')),
    ...(await completedJobs(1, '1280x720', '8')),
    ...(await completedJobs(1, '1280x720', '12')),
  ];
  const sheets = await Promise.all(ids.map((id) => download(id, 'spritesheet')));
  expect(distinct(sheets)).toBe(3);
  for (const sheet of sheets) expect(imageInfo(sheet)).toEqual({ format: 'jpeg', width: 640, height: 360 });
});

test("seeded jobs' videos have the size and duration the job lists", async () => {
  const completed = (await client.videos.list({ limit: 40 })).data.filter((v) => v.status === 'completed');
  expect(new Set(completed.map((v) => `${v.size} ${v.seconds}`)).size).toBeGreaterThan(1);
  for (const video of completed) {
    const info = mp4Info(await download(video.id));
    expect(info).toMatchObject({ width: Number(video.size.split('x')[0]), height: Number(video.size.split('x')[1]), hasAudio: true });
    expect(info!.durationSeconds).toBe(Number(video.seconds ?? 4));
  }
});

test('no response broke the contract in this suite', () => {
  expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
});
