import assert from 'node:assert/strict';
import OpenAI, { toFile, type ClientOptions } from 'openai';
import type { MockControl } from '../../../src/core/control/createControl.js';
import { imageInfo } from '../../../src/core/media/imageInfo.js';
import { mp4Info } from '../../../src/core/media/mp4Info.js';
import { pngOfSize } from '../../support/pngOfSize.js';

/**
 * One story of the official `openai` client against the MSW handlers, run by jest and by
 * vitest alike (so it asserts with node:assert): each step throws when the mock is wrong.
 */
export const GATEWAY = 'https://gateway.test';
export const JOBS = 23;

/** setupServer's listen options for this story: openai fetches `data:,` once before its first upload, to see FormData works. */
export const listenOptions = {
  onUnhandledRequest: (request: Request, print: { error(): void }) => {
    if (!request.url.startsWith('data:')) print.error();
  },
};

/**
 * The client talks to whatever `fetch` is when it calls (MSW patches it after setup). `more`:
 * further options, such as `dangerouslyAllowBrowser` under jsdom.
 */
export function openaiClient(provider = 'openai', more: ClientOptions = {}): OpenAI {
  return new OpenAI({
    apiKey: 'sk-bf-msw',
    baseURL: `${GATEWAY}/openai/v1`,
    defaultQuery: { provider },
    maxRetries: 0,
    fetch: (input, init) => globalThis.fetch(input, init),
    ...more,
  });
}

export async function listsEveryJobWithAutoPagination(client: OpenAI): Promise<void> {
  for (const order of ['desc', 'asc'] as const) {
    const seen: OpenAI.Videos.Video[] = [];
    for await (const video of client.videos.list({ order, limit: 7 })) seen.push(video);
    assert.equal(seen.length, JOBS);
    assert.equal(new Set(seen.map((v) => v.id)).size, JOBS);
    const times = seen.map((v) => v.created_at);
    assert.deepEqual(times, [...times].sort((a, b) => (order === 'asc' ? a - b : b - a)));
  }
}

/** Creates a job as JSON (the SDK's create always sends multipart) and one as multipart with a file. */
export async function createsAsJsonAndMultipart(client: OpenAI): Promise<{ json: OpenAI.Videos.Video; multipart: OpenAI.Videos.Video }> {
  const json = await client.post<OpenAI.Videos.Video>('/videos', { body: { prompt: 'a paper boat on a rainy street', model: 'openai/sora-2', seconds: '8', size: '1280x720' } });
  assert.equal(json.status, 'queued');
  assert.equal(json.prompt, 'a paper boat on a rainy street');
  const multipart = await client.videos.create({
    prompt: 'a kite over the sea',
    model: 'openai/sora-2',
    size: '720x1280',
    input_reference: await toFile(pngOfSize(720, 1280), 'reference.png', { type: 'image/png' }),
  });
  assert.equal(multipart.status, 'queued');
  assert.equal(multipart.size, '720x1280');
  return { json, multipart };
}

/**
 * Polls as an app would, moving the mock's clock between polls instead of waiting. A job made
 * at the clock's present is still rendering on its first polls (`fresh`).
 */
export async function pollsToCompletion(client: OpenAI, control: MockControl, id: string, fresh = true): Promise<OpenAI.Videos.Video> {
  const progress: number[] = [];
  for (let poll = 0; poll < 200; poll++) {
    const video = await client.videos.retrieve(id);
    progress.push(video.progress);
    if (video.status === 'completed') {
      assert.equal(video.progress, 100);
      if (fresh) assert.ok(progress.length > 2, `completed after ${progress.length} polls: the clock did the work`);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
      return video;
    }
    assert.notEqual(video.status, 'failed');
    control.clock.advance(5);
  }
  throw new Error(`job ${id} never completed: progress ${progress.join(', ')}`);
}

/** The content is a real MP4 of the job's size and duration, and its thumbnail an image of that size. */
export async function downloadsContent(client: OpenAI, video: OpenAI.Videos.Video): Promise<void> {
  const [width, height] = video.size.split('x').map(Number);
  const response = await client.videos.downloadContent(video.id);
  assert.equal(response.headers.get('content-type'), 'video/mp4');
  const info = mp4Info(new Uint8Array(await response.arrayBuffer()));
  assert.ok(info, 'the content is an MP4');
  assert.deepEqual([info.width, info.height, Math.round(info.durationSeconds)], [width, height, Number(video.seconds)]);
  const thumbnail = await client.videos.downloadContent(video.id, { variant: 'thumbnail' });
  const image = imageInfo(new Uint8Array(await thumbnail.arrayBuffer()));
  assert.deepEqual([image?.width, image?.height], [width, height]);
}

export async function remixesAndDeletes(client: OpenAI, video: OpenAI.Videos.Video): Promise<void> {
  const remix = await client.videos.remix(video.id, { prompt: 'the same boat, at night' });
  assert.equal(remix.remixed_from_video_id, video.id);
  assert.equal(remix.status, 'queued');
  const deleted = await client.videos.delete(video.id);
  assert.deepEqual([deleted.id, deleted.deleted], [video.id, true]);
  const gone = await client.videos.retrieve(video.id).catch((error: unknown) => error);
  assert.ok(gone instanceof OpenAI.NotFoundError, `retrieving a deleted job: ${String(gone)}`);
}
