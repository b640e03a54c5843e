import type OpenAI from 'openai';
import { toFile } from 'openai';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { schemaProblems } from '../support/specJudge.js';
import { advanceClock, videoClient } from '../support/videoApi.js';

/**
 * A multipart create's `input_reference` must be a PNG, JPEG or WebP image of the job's size.
 * The gateway forwards the upload and answers the create as usual; the provider's job then
 * fails with `invalid_input_reference` (a failure code the gateway's jobs report), as the job
 * of an unreadable upload always did.
 */
let server: TestServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startTestServer({ jobs: 0 }); // frozen clock at the default --now
  client = videoClient(server);
});
afterAll(() => server.close());
afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

const MESSAGE =
  'The input reference image could not be processed. Use a PNG, JPEG or WebP image whose width and height match the requested size.';

/** Creates a job over multipart with this upload, checks the create's answer, and returns the job once it has ended. */
async function createWith(file: Buffer, type: string, size?: string): Promise<Record<string, unknown>> {
  const form = new FormData();
  form.set('prompt', 'A paper boat on a rainy street');
  form.set('model', 'openai/sora-2');
  if (size !== undefined) form.set('size', size);
  form.set('input_reference', new Blob([file], { type }), `reference.${type.split('/')[1]}`);
  const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: AUTH, body: form });
  const created = (await response.json()) as Record<string, unknown>;
  expect(schemaProblems(response.status, created, '/v1/videos', 'post')).toEqual([]);
  expect(response.status).toBe(200);
  expect(created).toMatchObject({ status: 'queued', size: size ?? '720x1280' });
  await advanceClock(server, 600);
  const later = await fetch(`${server.url}/v1/videos/${String(created['id'])}`, { headers: AUTH });
  return (await later.json()) as Record<string, unknown>;
}
const failed = { status: 'failed', error: { code: 'invalid_input_reference', message: MESSAGE } };

test('a 640x360 PNG for a 720x1280 job is accepted at create, and the job fails naming PNG, JPEG and WebP', async () => {
  const job = await createWith(pngOfSize(640, 360), 'image/png', '720x1280');
  expect(job).toMatchObject(failed);
});

test('a PNG of the requested size makes a job that completes', async () => {
  expect(await createWith(pngOfSize(720, 1280), 'image/png', '720x1280')).toMatchObject({ status: 'completed' });
  expect(await createWith(pngOfSize(1280, 720), 'image/png', '1280x720')).toMatchObject({ status: 'completed' });
});

test('without a size the job is 720x1280, so the reference must be too', async () => {
  expect(await createWith(pngOfSize(720, 1280), 'image/png')).toMatchObject({ status: 'completed', size: '720x1280' });
  expect(await createWith(pngOfSize(1280, 720), 'image/png')).toMatchObject(failed);
});

test("the mock's own WebP thumbnail is a reference of its job's size; its half-size JPEG spritesheet is not", async () => {
  const source = await client.videos.create({ prompt: 'first', model: 'openai/sora-2' as OpenAI.VideoModel, size: '1280x720' });
  await advanceClock(server, 600);
  const thumbnail = Buffer.from(await (await client.videos.downloadContent(source.id, { variant: 'thumbnail' })).arrayBuffer());
  const spritesheet = Buffer.from(await (await client.videos.downloadContent(source.id, { variant: 'spritesheet' })).arrayBuffer());
  expect(await createWith(thumbnail, 'image/webp', '1280x720')).toMatchObject({ status: 'completed' });
  expect(await createWith(spritesheet, 'image/jpeg', '1280x720')).toMatchObject(failed);
});

test('the official client sending a reference of the wrong size sees the job fail the same way', async () => {
  const created = await client.videos.create({
    prompt: 'A lighthouse at dusk',
    model: 'openai/sora-2' as OpenAI.VideoModel,
    size: '1280x720',
    input_reference: await toFile(pngOfSize(720, 1280), 'reference.png', { type: 'image/png' }),
  });
  await advanceClock(server, 600);
  expect(await client.videos.retrieve(created.id)).toMatchObject(failed);
});

test('an upload that is not an image still fails the same way, and X-Mock-Outcome still wins', async () => {
  expect(await createWith(Buffer.from('not an image'), 'image/png', '720x1280')).toMatchObject(failed);
  const form = new FormData();
  form.set('prompt', 'x');
  form.set('model', 'openai/sora-2');
  form.set('input_reference', new Blob([pngOfSize(640, 360)], { type: 'image/png' }), 'small.png');
  const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'X-Mock-Outcome': 'completed' }, body: form });
  const { id } = (await response.json()) as { id: string };
  await advanceClock(server, 600);
  expect(await client.videos.retrieve(id)).toMatchObject({ status: 'completed' });
});

test('no response broke the contract in this suite', () => {
  expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
});
