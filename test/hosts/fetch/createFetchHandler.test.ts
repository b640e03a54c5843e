import { BODY_LIMITS, maxBodyBytes } from '../../../src/core/pipeline/bodyLimits.js';
import { mp4Info } from '../../../src/core/media/mp4Info.js';
import type { BifrostError, Video, VideoList } from '../../../src/core/openapi/payloads.js';
import { createFetchHandler, type FetchHandler } from '../../../src/hosts/fetch/index.js';
import { pngOfSize } from '../../support/pngOfSize.js';
import { errorSchemaProblems, schemaProblems } from '../../support/specJudge.js';

const KEY = 'sk-bf-fetch';
const AUTH = { authorization: `Bearer ${KEY}` };
const BASE = 'http://mock.test';

let mock: FetchHandler;
const logs: string[] = [];
beforeEach(() => {
  logs.length = 0;
  mock = createFetchHandler({ jobs: 30, log: (line) => logs.push(line) });
});

const get = (path: string, init: RequestInit = {}) => mock.handle(new Request(`${BASE}${path}`, { ...init, headers: { ...AUTH, ...init.headers } }));
const post = (path: string, body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}) =>
  mock.handle(new Request(`${BASE}${path}`, { method: 'POST', body, headers: { ...AUTH, ...headers } }));
const postJson = (path: string, value: unknown) => post(path, JSON.stringify(value), { 'content-type': 'application/json' });

describe('the fetch handler answers a Request in-process, as the server would', () => {
  test('a list page is the spec’s VideoList, with Content-Type, Content-Length and the cursor to the next page', async () => {
    const response = await get('/v1/videos?provider=openai&limit=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(response.headers.get('content-length')).toBe(String(new TextEncoder().encode(text).byteLength));
    const page = JSON.parse(text) as VideoList;
    expect(schemaProblems(200, page)).toEqual([]);
    expect(page.data).toHaveLength(5);
    const next = (await (await get(`/v1/videos?provider=openai&limit=5&after=${page.last_id}`)).json()) as VideoList;
    expect(next.data[0]!.id).not.toBe(page.data[4]!.id);
  });

  test('the gateway’s OpenAI mounts and any origin reach the same routes', async () => {
    const ids = async (url: string) => ((await (await mock.handle(new Request(url, { headers: AUTH }))).json()) as VideoList).data.map((v) => v.id);
    const plain = await ids('http://a.test/v1/videos?provider=openai&limit=3');
    expect(await ids('https://b.test/openai/v1/videos?provider=openai&limit=3')).toEqual(plain);
    expect(await ids('http://127.0.0.1:9/openai/videos?provider=openai&limit=3')).toEqual(plain);
  });

  test('errors are BifrostErrors: a missing key, a bad parameter, an unknown path', async () => {
    const noKey = await mock.handle(new Request(`${BASE}/v1/videos?provider=openai`));
    expect(noKey.status).toBe(401);
    const badLimit = await get('/v1/videos?provider=openai&limit=abc');
    expect(badLimit.status).toBe(400);
    expect(((await badLimit.json()) as BifrostError).error.param).toBe('limit');
    const unknown = await get('/v2/nothing');
    expect(unknown.status).toBe(404);
    expect(errorSchemaProblems(await unknown.json())).toEqual([]);
  });

  test('only the keys given are accepted when `keys` is set', async () => {
    const strict = createFetchHandler({ jobs: 3, keys: ['sk-bf-only'], log: () => undefined });
    const ask = (key: string) => strict.handle(new Request(`${BASE}/v1/videos?provider=openai`, { headers: { 'x-bf-vk': key } }));
    expect((await ask('sk-bf-only')).status).toBe(200);
    expect((await ask('sk-bf-other')).status).toBe(401);
  });

  test('a created job completes when the clock is advanced, and its content is a real MP4 of its size and duration', async () => {
    const created = (await (await postJson('/v1/videos', { prompt: 'a paper boat', model: 'openai/sora-2', size: '720x1280', seconds: '8' })).json()) as Video;
    expect(created.status).toBe('queued');
    mock.control.clock.advance(3600);
    const done = (await (await get(`/v1/videos/${created.id}`)).json()) as Video;
    expect(done.status).toBe('completed');
    const content = await get(`/v1/videos/${created.id}/content`);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    const info = mp4Info(new Uint8Array(await content.arrayBuffer()));
    expect([info?.width, info?.height, Math.round(info?.durationSeconds ?? 0)]).toEqual([720, 1280, 8]);
  });

  test('a multipart create carries its fields and its input reference image, checked against the size as each provider does', async () => {
    const form = (width: number, height: number, model = 'openai/sora-2') => {
      const body = new FormData();
      body.set('prompt', 'a kite over the sea');
      body.set('model', model);
      body.set('size', '1280x720');
      body.set('input_reference', new Blob([new Uint8Array(pngOfSize(width, height))], { type: 'image/png' }), 'ref.png');
      return body;
    };
    const created = await post('/v1/videos', form(1280, 720));
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ prompt: 'a kite over the sea', size: '1280x720', status: 'queued' });
    // OpenAI refuses an image of another size at once, as its API does.
    const refused = await post('/v1/videos', form(640, 480));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ is_bifrost_error: false, error: { param: 'input_reference' } });
    // Veo takes it, and the job fails.
    const mismatched = (await (await post('/v1/videos', form(640, 480, 'gemini/veo-3.0-generate-001'))).json()) as Video;
    mock.control.clock.advance(3600);
    const ended = (await (await get(`/v1/videos/${mismatched.id}`)).json()) as Video;
    expect(ended.status).toBe('failed');
    expect(ended.error?.code).toBe('invalid_input_reference');
  });

  test('HEAD answers with the headers of the GET and no body', async () => {
    const getResponse = await get('/v1/videos?provider=openai&limit=2');
    const head = await get('/v1/videos?provider=openai&limit=2', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get('content-length')).toBe(getResponse.headers.get('content-length'));
  });

  test('a CORS preflight is a 204 without a body', async () => {
    const preflight = await mock.handle(
      new Request(`${BASE}/v1/videos`, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.body).toBeNull();
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });

  test('the journal records every request as it finishes', async () => {
    await get('/v1/videos?provider=openai&limit=1');
    await get('/v1/videos?provider=nope');
    expect(mock.control.journal.entries().map((e) => [e.method, e.url, e.status, e.validation])).toEqual([
      ['GET', '/v1/videos?provider=openai&limit=1', 200, 'passed'],
      ['GET', '/v1/videos?provider=nope', 400, 'passed'],
    ]);
  });
});

describe('network faults, latency and aborts', () => {
  test.each(['reset', 'empty'])('%s is a network error (Response.error()), journaled without a status', async (preset) => {
    mock.control.faults.apply(preset);
    const response = await get('/v1/videos?provider=openai');
    expect(response.type).toBe('error');
    expect(response.status).toBe(0);
    expect(mock.control.journal.entries()[0]).toMatchObject({ status: null, fault: preset });
  });

  test('hang never answers until the request is aborted, then rejects with the abort reason', async () => {
    mock.control.faults.apply('hang');
    const controller = new AbortController();
    const answer = get('/v1/videos?provider=openai', { signal: controller.signal });
    let settled = false;
    void answer.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(mock.control.journal.entries()).toEqual([]);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(mock.control.journal.entries()[0]).toMatchObject({ status: null, fault: 'hang' });
  });

  test('a delay is cut short by an abort, and then nothing is sent', async () => {
    mock.control.faults.apply('slow:600000');
    const controller = new AbortController();
    const answer = get('/v1/videos?provider=openai', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(mock.control.journal.entries()[0]).toMatchObject({ status: null });
  });

  test('an abort while the body stalls rejects at once with its reason, cancels the stream and is journaled unanswered', async () => {
    let cancelledWith: unknown = 'not cancelled';
    const stalled = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"prompt":"A paper')),
      pull: () => new Promise(() => undefined), // the rest never comes
      cancel: (reason) => void (cancelledWith = reason),
    });
    const controller = new AbortController();
    const init = { method: 'POST', body: stalled, duplex: 'half', signal: controller.signal, headers: { ...AUTH, 'content-type': 'application/json' } };
    const answer = mock.handle(new Request(`${BASE}/v1/videos`, init as RequestInit));
    let settled = false;
    void answer.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    controller.abort(new Error('the user left'));
    await expect(answer).rejects.toThrow('the user left');
    expect(cancelledWith).toEqual(new Error('the user left'));
    expect(mock.control.journal.entries()).toMatchObject([{ method: 'POST', url: '/v1/videos', status: null }]);
    expect(mock.control.journal.detail(mock.control.journal.entries()[0]!.id)).toBeDefined();
  });

  test('a body still arriving stops being read when the request aborts', async () => {
    let pulls = 0;
    let cancelled = false;
    const trickle = new ReadableStream<Uint8Array>({
      pull: (controller) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!cancelled) controller.enqueue(new Uint8Array(64).fill(32));
            pulls++;
            resolve();
          }, 5),
        ),
      cancel: () => void (cancelled = true),
    });
    const init = { method: 'POST', body: trickle, duplex: 'half', signal: AbortSignal.timeout(40), headers: { ...AUTH, 'content-type': 'application/json' } };
    await expect(mock.handle(new Request(`${BASE}/v1/videos`, init as RequestInit))).rejects.toMatchObject({ name: 'TimeoutError' });
    const pullsAtAbort = pulls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(pullsAtAbort + 1);
    expect(mock.control.journal.entries()[0]).toMatchObject({ status: null });
  });

  test('a short delay answers late, normally', async () => {
    const slow = createFetchHandler({ jobs: 3, latency: 30, log: () => undefined });
    const response = await slow.handle(new Request(`${BASE}/v1/videos?provider=openai`, { headers: AUTH }));
    expect(response.status).toBe(200);
    expect(slow.control.journal.entries()[0]!.status).toBe(200);
  });
});

describe('request bodies are read within the core’s caps', () => {
  test('a JSON body over its cap is a 413 naming the cap', async () => {
    const big = JSON.stringify({ prompt: 'x'.repeat(BODY_LIMITS.bodyBytes), model: 'openai/sora-2' });
    const response = await postJson('/v1/videos', JSON.parse(big));
    expect(response.status).toBe(413);
    expect(((await response.json()) as BifrostError).error.message).toContain(`${maxBodyBytes('application/json')} bytes`);
  });

  test('a streamed body stops being read past the cap: the stream is cancelled, not drained', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(`${BASE}/v1/videos`, { method: 'POST', body: endless, headers: { ...AUTH, 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    const response = await mock.handle(request);
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(maxBodyBytes('application/json') + 4 * chunk.byteLength);
  });

  test('a body whose declared length is over the cap is refused unread', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const headers = { ...AUTH, 'content-type': 'application/json', 'content-length': String(maxBodyBytes('application/json') + 1) };
    const request = new Request(`${BASE}/v1/videos`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
    expect((await mock.handle(request)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1); // a stream may pull once on its own when made
  });

  test('a request without a body where one is required is the spec’s 400, not a crash', async () => {
    const response = await mock.handle(new Request(`${BASE}/v1/videos`, { method: 'POST', headers: AUTH }));
    expect(response.status).toBe(400);
  });
});
