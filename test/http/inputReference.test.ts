import type OpenAI from 'openai';
import { toFile } from 'openai';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { schemaProblems } from '../support/specJudge.js';
import { advanceClock, videoClient } from '../support/videoApi.js';

/**
 * A multipart create's `input_reference` must be a PNG, JPEG or WebP image of the job's size.
 * OpenAI's API refuses an image of another size at once (400 `Inpaint image must match the
 * requested width and height`), which the gateway passes through; a provider that takes it
 * (Veo) fails the job with `invalid_input_reference`, as the job of an unreadable upload always
 * does (a failure code the gateway's jobs report).
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

/** A multipart create with this upload. */
function post(file: Buffer, type: string, { size, model = 'openai/sora-2', headers = {} }: { size?: string; model?: string; headers?: Record<string, string> } = {}) {
  const form = new FormData();
  form.set('prompt', 'A paper boat on a rainy street');
  form.set('model', model);
  if (size !== undefined) form.set('size', size);
  form.set('input_reference', new Blob([file], { type }), `reference.${type.split('/')[1]}`);
  return fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, ...headers }, body: form });
}

/** Creates a job over multipart with this upload, checks the create's answer, and returns the job once it has ended. */
async function createWith(file: Buffer, type: string, size?: string, model?: string): Promise<Record<string, unknown>> {
  const response = await post(file, type, { ...(size !== undefined && { size }), ...(model !== undefined && { model }) });
  const created = (await response.json()) as Record<string, unknown>;
  expect(schemaProblems(response.status, created, '/v1/videos', 'post')).toEqual([]);
  expect(response.status).toBe(200);
  expect(created).toMatchObject({ status: 'queued' });
  await advanceClock(server, 600);
  const later = await fetch(`${server.url}/v1/videos/${String(created['id'])}`, { headers: AUTH });
  return (await later.json()) as Record<string, unknown>;
}

/** OpenAI's refusal of a reference of another size, as the gateway passes it through. */
async function expectRefused(response: Response, image: string, video: string): Promise<void> {
  const body = (await response.json()) as { is_bifrost_error: boolean; error: { message: string; param?: string; type?: string } };
  expect(schemaProblems(response.status, body, '/v1/videos', 'post')).toEqual([]);
  expect(response.status).toBe(400);
  expect(body.is_bifrost_error).toBe(false);
  expect(body.error).toMatchObject({ param: 'input_reference', type: 'invalid_request_error' });
  expect(body.error.message).toMatch(/^Inpaint image must match the requested width and height/);
  expect(body.error.message).toContain(`the input_reference is ${image}, the video ${video}`);
  expect(body.error.message).toMatch(/PNG, JPEG or WebP/);
  expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
}
const failed = { status: 'failed', error: { code: 'invalid_input_reference', message: MESSAGE } };

test('OpenAI: a 640x360 PNG for a 720x1280 job is refused at create with its own 400, and no job is made', async () => {
  await expectRefused(await post(pngOfSize(640, 360), 'image/png', { size: '720x1280' }), '640x360', '720x1280');
  const list = (await (await fetch(`${server.url}/v1/videos?provider=openai`, { headers: AUTH })).json()) as { data: unknown[] };
  expect(list.data).toEqual([]);
});

test('a PNG of the requested size makes a job that completes', async () => {
  expect(await createWith(pngOfSize(720, 1280), 'image/png', '720x1280')).toMatchObject({ status: 'completed' });
  expect(await createWith(pngOfSize(1280, 720), 'image/png', '1280x720')).toMatchObject({ status: 'completed' });
});

test('without a size the job is 720x1280, so the reference must be too', async () => {
  expect(await createWith(pngOfSize(720, 1280), 'image/png')).toMatchObject({ status: 'completed', size: '720x1280' });
  await expectRefused(await post(pngOfSize(1280, 720), 'image/png'), '1280x720', '720x1280');
});

test("the mock's own WebP thumbnail is a reference of its job's size; its half-size JPEG spritesheet is not", async () => {
  const source = await client.videos.create({ prompt: 'first', model: 'openai/sora-2' as OpenAI.VideoModel, size: '1280x720' });
  await advanceClock(server, 600);
  const thumbnail = Buffer.from(await (await client.videos.downloadContent(source.id, { variant: 'thumbnail' })).arrayBuffer());
  const spritesheet = Buffer.from(await (await client.videos.downloadContent(source.id, { variant: 'spritesheet' })).arrayBuffer());
  expect(await createWith(thumbnail, 'image/webp', '1280x720')).toMatchObject({ status: 'completed' });
  await expectRefused(await post(spritesheet, 'image/jpeg', { size: '1280x720' }), '640x360', '1280x720');
});

test('the official client sending a reference of the wrong size gets a BadRequestError with the request id', async () => {
  const refused = await client.videos
    .create({
      prompt: 'A lighthouse at dusk',
      model: 'openai/sora-2' as OpenAI.VideoModel,
      size: '1280x720',
      input_reference: await toFile(pngOfSize(720, 1280), 'reference.png', { type: 'image/png' }),
    })
    .then(
      () => undefined,
      (error: unknown) => error as { status?: number; requestID?: string | null; message?: string },
    );
  expect(refused?.status).toBe(400);
  expect(refused?.requestID).toMatch(/^req_[0-9a-f]{32}$/);
  expect(refused?.message).toMatch(/Inpaint image must match the requested width and height/);
});

test('a provider that takes the upload (Veo on gemini) fails the job instead, naming PNG, JPEG and WebP', async () => {
  expect(await createWith(pngOfSize(640, 360), 'image/png', '720x1280', 'gemini/veo-3.0-generate-001')).toMatchObject(failed);
});

test('an upload that is not an image is taken, and the job fails the same way; X-Mock-Outcome still wins', async () => {
  expect(await createWith(Buffer.from('not an image'), 'image/png', '720x1280')).toMatchObject(failed);
  const response = await post(Buffer.from('not an image'), 'image/png', { headers: { 'X-Mock-Outcome': 'completed' } });
  const { id } = (await response.json()) as { id: string };
  await advanceClock(server, 600);
  expect(await client.videos.retrieve(id)).toMatchObject({ status: 'completed' });
});

test('no response broke the contract in this suite', () => {
  expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
});
