import OpenAI, { toFile } from 'openai';
import { startServer } from '../../src/hosts/express/startServer.js';
import { mp4Info } from '../../src/core/media/probeMedia.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { AUTH, KEY, startTestServer, type TestServer } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { advanceClock } from '../support/videoApi.js';

/**
 * The gateway mounts the video routes again under its OpenAI integration's prefix, for people who
 * point the official SDKs at it: `/openai/v1/videos...` (base URL `.../openai/v1`) and
 * `/openai/videos...` (base URL `.../openai`). They are the same operations: same answers,
 * journal, faults and verify.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

const client = (base: string) => new OpenAI({ apiKey: KEY, baseURL: `${server.url}${base}`, defaultQuery: { provider: 'openai' }, maxRetries: 0 });

describe.each(['/openai/v1', '/openai'])('the official client with baseURL <mock>%s', (base) => {
  test('lists with auto-pagination, the same jobs as under /v1', async () => {
    const ids: string[] = [];
    for await (const video of client(base).videos.list({ limit: 100 })) ids.push(video.id);
    const direct: string[] = [];
    for await (const video of client('/v1').videos.list({ limit: 100 })) direct.push(video.id);
    expect(ids).toHaveLength(250);
    expect(ids).toEqual(direct);
  });

  test('creates with a file, polls to completion, downloads, remixes and deletes', async () => {
    const openai = client(base);
    const job = await openai.videos.create({
      prompt: 'A paper boat on a rainy street',
      model: 'openai/sora-2' as OpenAI.VideoModel,
      size: '1280x720',
      seconds: '8',
      input_reference: await toFile(pngOfSize(1280, 720), 'reference.png', { type: 'image/png' }),
    });
    expect(job).toMatchObject({ status: 'queued', size: '1280x720', seconds: '8' });
    await advanceClock(server, 600);
    expect(await openai.videos.retrieve(job.id)).toMatchObject({ status: 'completed' });
    const bytes = new Uint8Array(await (await openai.videos.downloadContent(job.id)).arrayBuffer());
    expect(mp4Info(bytes)).toMatchObject({ width: 1280, height: 720, durationSeconds: 8 });
    const remix = await openai.videos.remix(job.id, { prompt: 'the same boat, at night' });
    expect(remix.remixed_from_video_id).toBe(job.id);
    expect(await openai.videos.delete(job.id)).toMatchObject({ id: job.id, deleted: true });
    await expect(openai.videos.retrieve(job.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('faults in the gateway\'s order, as the official client under the prefix sees them', () => {
  const withFault = (apiKey: string) =>
    new OpenAI({ apiKey, baseURL: `${server.url}/openai/v1`, defaultQuery: { provider: 'openai' }, defaultHeaders: { 'X-Mock-Fault': 'provider_error' }, maxRetries: 0 });

  test("a key the gateway refuses gets its 401 first, not the provider's 500", async () => {
    const error = await withFault('not-a-gateway-key').videos.list().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).requestID).toBeFalsy();
  });

  test("an accepted request gets the provider's 500, with its request id", async () => {
    const error = await withFault(KEY).videos.list().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).requestID).toMatch(/^req_[0-9a-f]{32}$/);
  });
});

test('the journal shows the URL as sent, and a rule for the operation applies under the prefix', async () => {
  await fetch(`${server.url}/__mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'list down', match: { operation: 'listVideos' }, respond: { preset: 'provider_unavailable' } }),
  });
  const response = await fetch(`${server.url}/openai/videos?provider=openai&limit=1`, { headers: AUTH });
  expect(response.status).toBe(503);
  const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as { requests: { url: string; fault: string | null }[] };
  expect(journal.requests.at(-1)).toMatchObject({ url: '/openai/videos?provider=openai&limit=1', fault: 'list down' });
});

test('an unknown path under the prefix is a 404, and a method the route lacks a 405 with its Allow', async () => {
  expect((await fetch(`${server.url}/openai/v1/things`, { headers: AUTH })).status).toBe(404);
  const wrong = await fetch(`${server.url}/openai/videos`, { method: 'PATCH', headers: AUTH });
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET, POST');
});

test('verify --base-url <mock>/openai passes, the job round trip included', async () => {
  const live = await startServer({ port: 0, jobs: 20, clock: 'live', renderSpeed: 50, log: () => {} });
  try {
    const report = await verifyServer({ baseUrl: `${live.url}/openai`, limits: [20, 7], lifecycle: true, lifecyclePollMs: 50 });
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.checks.some((c) => c.name === 'lifecycle.delete' && c.status === 'passed')).toBe(true);
  } finally {
    await live.close();
  }
});
