import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI, { toFile } from 'openai';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { schemaProblems } from '../support/specJudge.js';
import { advanceClock, videoClient } from '../support/videoApi.js';

const exec = promisify(execFile);
let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startTestServer({ jobs: 40 }); // frozen clock at the default --now
  client = videoClient(server);
});
afterAll(() => server.close());
afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

/** Polls with the client, moving the frozen clock 5 s between polls, until the job ends. */
async function pollUntilDone(id: string): Promise<{ video: OpenAI.Videos.Video; progress: number[]; pollAfter: (string | null)[] }> {
  const progress: number[] = [];
  const pollAfter: (string | null)[] = [];
  for (let polls = 0; polls < 100; polls++) {
    const { data: video, response } = await client.videos.retrieve(id).withResponse();
    progress.push(video.progress);
    pollAfter.push(response.headers.get('openai-poll-after-ms'));
    if (video.status === 'completed' || video.status === 'failed') return { video, progress, pollAfter };
    await advanceClock(server, 5);
  }
  throw new Error(`${id} never finished`);
}

async function ffprobe(bytes: Buffer): Promise<{ width: number; height: number; duration: number } | undefined> {
  try {
    const { stdout } = await promisify(execFile)('sh', ['-c', 'command -v ffprobe']);
    if (!stdout.trim()) return undefined;
  } catch {
    return undefined; // ffprobe is not installed: the byte checks below still run
  }
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'vjm-probe-')), 'video.mp4');
  writeFileSync(file, bytes);
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file]);
  const probe = JSON.parse(stdout) as { streams: { width: number; height: number }[]; format: { duration: string } };
  return { width: probe.streams[0]!.width, height: probe.streams[0]!.height, duration: Number(probe.format.duration) };
}

describe('the job lifecycle with the official openai client', () => {
  test('create (multipart, with an image), poll to completed under a frozen clock, download a playable mp4', async () => {
    const created = await client.videos.create({
      prompt: 'A paper boat on a rainy street',
      model: 'openai/sora-2',
      seconds: '8',
      size: '1280x720',
      // The reference must be of the job's size, or the job fails (issue 20; a 1x1 PNG was fine before).
      input_reference: await toFile(pngOfSize(1280, 720), 'reference.png', { type: 'image/png' }),
    });
    expect(created).toMatchObject({ object: 'video', status: 'queued', progress: 0, model: 'sora-2', seconds: '8', size: '1280x720' });
    expect(created.id).toMatch(/^video_[0-9a-f]{48}:openai$/);

    const { video, progress, pollAfter } = await pollUntilDone(created.id);
    expect(video.status).toBe('completed');
    expect(video.progress).toBe(100);
    expect(video.completed_at).toBeGreaterThanOrEqual(video.created_at);
    expect(video.expires_at).toBeGreaterThan(video.completed_at!);
    // Progress only rises, and was seen mid-way: the bar moves.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
    // The poll hint is sent while the job runs, and not once it is done.
    expect(pollAfter.slice(0, -1).every((h) => h !== null && Number(h) > 0)).toBe(true);
    expect(pollAfter.at(-1)).toBeNull();

    const content = await client.videos.downloadContent(created.id);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await content.arrayBuffer());
    expect(Number(content.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const probe = await ffprobe(bytes);
    if (probe) {
      expect([probe.width, probe.height]).toEqual([1280, 720]);
      expect(Math.round(probe.duration)).toBe(8);
    }
    const thumbnail = await client.videos.downloadContent(created.id, { variant: 'thumbnail' });
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const sprites = await client.videos.downloadContent(created.id, { variant: 'spritesheet' });
    expect(sprites.headers.get('content-type')).toBe('image/jpeg');
  });

  test('create with a JSON body heads the list at once; remix and delete follow the gateway', async () => {
    const created = await client.post<OpenAI.Videos.Video>('/videos', {
      body: { prompt: 'A lighthouse at dusk', model: 'openai/sora-2-pro', input_reference: { image_url: 'https://example.com/a.png' } },
    });
    expect(created).toMatchObject({ status: 'queued', progress: 0, model: 'sora-2-pro', seconds: '4', size: '720x1280' });
    const first = await client.videos.list({ limit: 1 });
    expect(first.data[0]!.id).toBe(created.id);

    await advanceClock(server, 600);
    const remix = await client.videos.remix(created.id, { prompt: 'The same, in winter' });
    expect(remix).toMatchObject({ status: 'queued', remixed_from_video_id: created.id, model: 'sora-2-pro', prompt: 'The same, in winter' });

    const deleted = await client.videos.delete(created.id);
    expect(deleted).toMatchObject({ id: created.id, object: 'video.deleted', deleted: true });
    const gone = await client.videos.retrieve(created.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
    const ids = [];
    for await (const video of client.videos.list({ limit: 100 })) ids.push(video.id);
    expect(ids).not.toContain(created.id);
    expect(ids[0]).toBe(remix.id);
    expect(ids).toHaveLength(41); // 40 seeded and the remix
  });

  test('a seeded job is the same object in the list and on retrieve, and can be downloaded and deleted', async () => {
    const page = await client.videos.list({ limit: 100, order: 'asc' });
    const seeded = page.data.find((v) => v.status === 'completed')!;
    const retrieved = await client.videos.retrieve(seeded.id);
    const { extra_fields: _extra, ...video } = retrieved as OpenAI.Videos.Video & { extra_fields: unknown };
    expect(video).toEqual(seeded);
    const content = await client.videos.downloadContent(seeded.id);
    expect(content.status).toBe(200);
    await client.videos.delete(seeded.id);
    expect(await client.videos.retrieve(seeded.id).catch((e: unknown) => (e as { status: number }).status)).toBe(404);
    const after = await client.videos.list({ limit: 100, order: 'asc' });
    expect(after.data.map((v) => v.id)).not.toContain(seeded.id);
    expect(after.data).toHaveLength(39);
  });
});

describe('the lifecycle over plain HTTP', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const judged = async (response: Response, path: string, method: string) => {
    const body = (await response.json()) as Record<string, unknown> & { error?: { message: string; param?: string; code?: string } };
    expect(schemaProblems(response.status, body, path, method)).toEqual([]);
    return { status: response.status, body };
  };

  test.each([
    ['an empty prompt', { prompt: '', model: 'openai/sora-2' }, 'prompt cannot be empty', 'prompt'],
    ['no prompt', { model: 'openai/sora-2' }, 'prompt cannot be empty', 'prompt'],
    ['a prompt that is not text', { prompt: 5, model: 'openai/sora-2' }, 'invalid prompt: must be string', 'prompt'],
    ['a model without a provider', { prompt: 'x', model: 'sora-2' }, 'model should be in provider/model format', 'model'],
    ['an unknown provider', { prompt: 'x', model: 'acme/sora-2' }, 'failed to get config for provider: acme', 'provider'],
    ['a model the provider lacks', { prompt: 'x', model: 'openai/veo-3' }, "Invalid value: 'veo-3'", 'model'],
    ['a size the model lacks', { prompt: 'x', model: 'openai/sora-2', size: '1792x1024' }, "Invalid value: '1792x1024'", 'size'],
    ['a malformed size', { prompt: 'x', model: 'openai/sora-2', size: 'big' }, 'invalid size: must match pattern', 'size'],
    ['seconds the model lacks', { prompt: 'x', model: 'openai/sora-2', seconds: '5' }, "Invalid value: '5'", 'seconds'],
    ['an image reference with a field it does not allow', { prompt: 'x', model: 'openai/sora-2', input_reference: { bogus: 'x' } }, 'unknown field input_reference.bogus', 'input_reference.bogus'],
    ['a prompt over 32000 characters', { prompt: 'x'.repeat(32001), model: 'openai/sora-2' }, 'invalid prompt: must NOT have more than 32000 characters', 'prompt'],
  ])('create with %s is a 400 naming the field', async (_name, body, message, param) => {
    const { status, body: error } = await judged(await post('/v1/videos', body), '/v1/videos', 'post');
    expect(status).toBe(400);
    expect(error.error!.message).toContain(message);
    expect(error.error!.param).toBe(param);
  });

  test.each([
    ['no prompt', {}, 'prompt is required'],
    ['a prompt that is not text', { prompt: ['x'] }, 'invalid prompt: must be string'],
  ])('remix with %s is a 400 naming the prompt', async (_name, body, message) => {
    const source = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as { data: { id: string; status: string }[] };
    const completed = source.data.find((video) => video.status === 'completed')!;
    const { status, body: error } = await judged(await post(`/v1/videos/${completed.id}/remix`, body), '/v1/videos/{video_id}/remix', 'post');
    expect(status).toBe(400);
    expect(error.error!.message).toContain(message);
    expect(error.error!.param).toBe('prompt');
  });

  test.each([
    ['GET', '/v1/videos/video_abc', 400, 'video_id must be in id:provider format'],
    ['GET', '/v1/videos/video_abc:nowhere', 400, 'failed to get config for provider: nowhere'],
    ['GET', '/v1/videos/%E0%A4%A', 400, 'invalid video_id encoding'],
    ['GET', '/v1/videos/video_6968d6a230dc0c565fb09d7cf3c8b85ce2652fa1216b5e23:openai', 404, "Video with id 'video_6968d6a230dc0c565fb09d7cf3c8b85ce2652fa1216b5e23:openai' not found."],
    ['POST', '/v1/videos/video_abc:azure/remix', 400, 'video_remix is not supported by azure provider'],
    ['DELETE', '/v1/videos/video_abc:gemini', 400, 'video_delete is not supported by gemini provider'],
  ])('%s %s -> %i %s', async (method, path, status, message) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...AUTH, 'content-type': 'application/json' },
      ...(method === 'POST' && { body: '{"prompt":"x"}' }),
    });
    const template = path.endsWith('/remix') ? '/v1/videos/{video_id}/remix' : '/v1/videos/{video_id}';
    const { body } = await judged(response, template, method.toLowerCase());
    expect(response.status).toBe(status);
    expect(body.error!.message).toContain(message);
  });

  test('content before completion is 400 naming the status; a Range gets 206, a range past the end 416', async () => {
    const { body: created } = await judged(await post('/v1/videos', { prompt: 'x', model: 'openai/sora-2' }), '/v1/videos', 'post');
    const id = String(created['id']);
    const early = await fetch(`${server.url}/v1/videos/${id}/content`, { headers: AUTH });
    const { body: notReady } = await judged(early, '/v1/videos/{video_id}/content', 'get');
    expect(early.status).toBe(400);
    expect(notReady.error!.message).toBe('video not ready, current status: queued');

    await advanceClock(server, 120);
    const whole = await fetch(`${server.url}/v1/videos/${id}/content`, { headers: AUTH });
    const all = Buffer.from(await whole.arrayBuffer());
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await fetch(`${server.url}/v1/videos/${id}/content`, { headers: { ...AUTH, Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${all.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(all.subarray(100, 200));
    const past = await fetch(`${server.url}/v1/videos/${id}/content`, { headers: { ...AUTH, Range: `bytes=${all.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${all.length}`);
    await judged(past, '/v1/videos/{video_id}/content', 'get');
  });

  test('X-Mock-Outcome forces a failure with its code; a running job cannot be deleted', async () => {
    const { body: created } = await judged(await post('/v1/videos', { prompt: 'x', model: 'openai/sora-2' }, { 'X-Mock-Outcome': 'failed:moderation_blocked' }), '/v1/videos', 'post');
    const id = String(created['id']);
    const early = await fetch(`${server.url}/v1/videos/${id}`, { method: 'DELETE', headers: AUTH });
    expect(early.status).toBe(400);
    await advanceClock(server, 120);
    const { body: failed } = await judged(await fetch(`${server.url}/v1/videos/${id}`, { headers: AUTH }), '/v1/videos/{video_id}', 'get');
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'moderation_blocked' } });
    expect(failed['expires_at']).toBeUndefined();
    const bad = await post('/v1/videos', { prompt: 'x', model: 'openai/sora-2' }, { 'X-Mock-Outcome': 'exploded' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('X-Mock-Outcome');
  });

  test('on runway, delete cancels a queued or running task: it answers deleted and the job 404s from then on', async () => {
    const { body: created } = await judged(await post('/v1/videos', { prompt: 'x', model: 'runway/gen4_turbo' }), '/v1/videos', 'post');
    const id = String(created['id']);
    expect(id).toMatch(/:runway$/);
    expect(created['status']).toBe('queued');
    const cancelled = await judged(await fetch(`${server.url}/v1/videos/${id}`, { method: 'DELETE', headers: AUTH }), '/v1/videos/{video_id}', 'delete');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, object: 'video.deleted', deleted: true });
    expect((await fetch(`${server.url}/v1/videos/${id}`, { headers: AUTH })).status).toBe(404);
    // openai keeps refusing a job that is still running
    const { body: running } = await judged(await post('/v1/videos', { prompt: 'x', model: 'openai/sora-2' }), '/v1/videos', 'post');
    const refused = await fetch(`${server.url}/v1/videos/${String(running['id'])}`, { method: 'DELETE', headers: AUTH });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/cannot be deleted while queued/);
  });

  test('a fault rule on the operation makes every 3rd created job fail, with no code', async () => {
    const rule = { name: 'every 3rd fails', match: { operation: 'createVideo', every: 3 }, job: { outcome: 'failed:internal_error', renderSeconds: 10 } };
    const put = await fetch(`${server.url}/__mock/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify([rule]) });
    expect(put.status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { body } = await judged(await post('/v1/videos', { prompt: `job ${i}`, model: 'openai/sora-2' }), '/v1/videos', 'post');
      expect(body).toMatchObject({ status: 'queued', progress: 0 }); // the rule sets the render time, not the answer
      ids.push(String(body['id']));
    }
    await advanceClock(server, 11);
    const statuses = [];
    for (const id of ids) {
      const { body } = await judged(await fetch(`${server.url}/v1/videos/${id}`, { headers: AUTH }), '/v1/videos/{video_id}', 'get');
      statuses.push(body['status']);
    }
    // The rule's jobs end after exactly 10 s; the others follow their own render plan.
    expect(statuses.map((status) => status === 'failed')).toEqual([false, false, true, false, false, true]);
  });

  test('faults apply to every route: a preset on retrieve, and a faulted create makes no job', async () => {
    const faulted = await post('/v1/videos', { prompt: 'x', model: 'openai/sora-2' }, { 'X-Mock-Fault': 'provider_unavailable' });
    expect(faulted.status).toBe(503);
    await judged(faulted, '/v1/videos', 'post');
    const list = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(40);
    const retrieve = await fetch(`${server.url}/v1/videos/video_abc:openai`, { headers: { ...AUTH, Prefer: 'code=429' } });
    expect(retrieve.status).toBe(429);
  });

  test('an upload over 4 MB is a 413 BifrostError, and the connection stays usable', async () => {
    const form = new FormData();
    form.set('prompt', 'x');
    form.set('model', 'openai/sora-2');
    form.set('input_reference', new Blob([Buffer.alloc(4 * 1024 * 1024 + 1)], { type: 'image/png' }), 'big.png');
    const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: AUTH, body: form });
    const { body } = await judged(response, '/v1/videos', 'post');
    expect(response.status).toBe(413);
    expect(body.error!.message).toMatch(/too large/);
    expect((await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH })).status).toBe(200);
  });

  test.each([
    ['JSON over 256 KB', 'application/json', JSON.stringify({ prompt: 'x'.repeat(300_000), model: 'openai/sora-2' }), 413, /too large/, 'body'],
    ['JSON that does not parse', 'application/json', '{"prompt": ', 400, /invalid request body/, 'body'],
    ['JSON that is not an object', 'application/json', '["x"]', 400, /expected a JSON object/, 'body'],
    ['a body of another media type', 'text/plain', 'prompt=x', 400, /application\/json or multipart\/form-data \(got text\/plain\)/, 'Content-Type'],
    ['a JSON-like media type', 'application/vnd.api+json', '{"prompt":"x","model":"openai/sora-2"}', 400, /got application\/vnd\.api\+json/, 'Content-Type'],
  ])('a create with %s is refused with %i, naming what is wrong', async (_name, type, text, status, message, param) => {
    const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: { ...AUTH, 'content-type': type }, body: text });
    const { body } = await judged(response, '/v1/videos', 'post');
    expect(response.status).toBe(status);
    expect(body.error!.message).toMatch(message);
    expect(body.error!.param).toBe(param);
  });

  test('an upload that is not an image makes a job that fails with invalid_input_reference', async () => {
    const form = new FormData();
    form.set('prompt', 'x');
    form.set('model', 'openai/sora-2');
    form.set('input_reference', new Blob(['not an image'], { type: 'image/png' }), 'fake.png');
    const { body } = await judged(await fetch(`${server.url}/v1/videos`, { method: 'POST', headers: AUTH, body: form }), '/v1/videos', 'post');
    await advanceClock(server, 30);
    const { body: later } = await judged(await fetch(`${server.url}/v1/videos/${String(body['id'])}`, { headers: AUTH }), '/v1/videos/{video_id}', 'get');
    expect(later).toMatchObject({ status: 'failed', error: { code: 'invalid_input_reference' } });
  });

  test('no response broke the contract in this suite', () => {
    expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
  });
});
