import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import type { NamedMedia } from '../../../src/core/media/mediaLibrary.js';
import type { VideoList } from '../../../src/core/openapi/payloads.js';
import { createFetchHandler, type FetchHandlerOptions } from '../../../src/hosts/fetch/index.js';
import { MAX_JOURNAL_SIZE } from '../../../src/core/journal/requestJournal.js';
import { bundledDocument } from '../../support/specVariant.js';

const AUTH = { authorization: 'Bearer sk-bf-inputs' };
const quiet = { log: () => undefined };
const list = async (options: FetchHandlerOptions, query = 'provider=openai&limit=5') => {
  const response = await createFetchHandler({ jobs: 10, ...quiet, ...options }).handle(new Request(`http://x/v1/videos?${query}`, { headers: AUTH }));
  return { status: response.status, body: (await response.json()) as VideoList & { error?: { message: string } } };
};

describe('options are the server’s, checked the same way', () => {
  test.each([
    [{ seed: -1 }, 'seed: -1 is not an integer'],
    [{ now: 'soon' }, 'now: "soon" is not an ISO 8601 time'],
    [{ renderSpeed: 0 }, 'render-speed: 0 is not a number'],
    [{ clock: 'slow' as never }, 'clock: "slow" is not frozen or live'],
    [{ journalSize: 0 }, 'journalSize: 0 is not an integer'],
    [{ latency: -5 }, 'latency:'],
    [{ faults: [{ match: { provder: 'azure' }, respond: { preset: 'bad_gateway' } }] as never }, 'faults: rule 0: match.provder'],
    [{ spec: { openapi: '3.0.3', paths: {} } }, 'spec (given): expected an OpenAPI 3.1 document'],
    [{ providers: { providers: 'none' } }, 'providers (given)'],
    // What plain JavaScript lets through, and would otherwise be found out late or never.
    [{ sede: 7 }, 'createFetchHandler: unknown option "sede"; did you mean seed?'],
    [{ mediaDir: 'fixtures/media' }, 'createFetchHandler: unknown option "mediaDir"; did you mean media?'],
    [{ port: 8080 }, 'createFetchHandler: unknown option "port"; it takes seed, jobs'],
    [{ seed: '7' }, 'seed: "7" is not an integer'],
    [{ keys: 'sk-bf-abc' }, 'keys: "sk-bf-abc" is not a list of keys'],
    [{ latency: '100-200' }, 'latency:'],
    [{ log: 'yes' }, 'log: "yes" is not a function'],
    [{ media: 'fixtures/media' }, 'media: "fixtures/media" is not a list of media files'],
  ])('%j is refused with a ConfigError naming it', (options, message) => {
    expect(() => createFetchHandler(options as FetchHandlerOptions)).toThrow(ConfigError);
    expect(() => createFetchHandler(options as FetchHandlerOptions)).toThrow(message);
  });

  test('options that are not an object are refused with a ConfigError', () => {
    expect(() => createFetchHandler(null as never)).toThrow('createFetchHandler: the options must be an object, not null');
  });

  test('the journal size cap is the one the README’s Limits state', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const limits = readme.slice(readme.indexOf('## Limits'), readme.indexOf('\n## ', readme.indexOf('## Limits') + 1));
    expect(limits).toContain(`| request journal | 1,000 entries (\`journalSize\`: \`startServer\`, the fetch handler and MSW take 1 to ${MAX_JOURNAL_SIZE.toLocaleString('en-US')}) |`);
    expect(() => createFetchHandler({ journalSize: MAX_JOURNAL_SIZE + 1 })).toThrow(ConfigError);
  });

  test('fault rules given at the start are in force from the first request', async () => {
    const { status } = await list({ faults: { rules: [{ match: { provider: 'openai' }, respond: { preset: 'provider_unavailable' } }] } });
    expect(status).toBe(503);
  });

  test('created job ids are the same on every run of the same options (snapshot-friendly)', async () => {
    const create = async () => {
      const mock = createFetchHandler({ jobs: 3, ...quiet });
      const body = JSON.stringify({ prompt: 'a kite', model: 'openai/sora-2' });
      const response = await mock.handle(new Request('http://x/v1/videos', { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body }));
      return ((await response.json()) as { id: string }).id;
    };
    const first = await create();
    expect(first).toMatch(/^video_[0-9a-f]{48}:openai$/);
    expect(await create()).toBe(first);
  });

  test('seed, jobs and now shape the seeded world', async () => {
    const a = await list({ seed: 1, now: '2026-03-01T00:00:00Z' }, 'provider=openai&limit=100');
    const b = await list({ seed: 2, now: '2026-03-01T00:00:00Z' }, 'provider=openai&limit=100');
    expect(a.body.data).toHaveLength(10);
    expect(a.body.data[0]!.created_at).toBeLessThanOrEqual(Date.UTC(2026, 2, 1) / 1000);
    expect(a.body.data.map((v) => v.id)).not.toEqual(b.body.data.map((v) => v.id));
  });
});

describe('inputs given as data instead of the bundled ones', () => {
  test('a spec object is served: its extra fields are filled, words from faker’s English included', async () => {
    const doc = bundledDocument();
    const video = doc.components.schemas['Video']!;
    video.properties['director'] = { type: 'string', 'x-faker': 'person.fullName' };
    video.properties['takes'] = { type: 'integer', 'x-faker': { 'number.int': [{ min: 1, max: 9 }] } };
    video.required = [...(video.required ?? []), 'director', 'takes'];
    const { status, body } = await list({ spec: doc });
    expect(status).toBe(200);
    for (const job of body.data as unknown as { director: string; takes: number }[]) {
      expect(job.director).toMatch(/^[A-Z][\p{L}'.-]+( [A-Z][\p{L}'.-]+)+$/u);
      expect(job.takes).toBeGreaterThanOrEqual(1);
      expect(job.takes).toBeLessThanOrEqual(9);
    }
  });

  test('a provider catalog decides who lists', async () => {
    const catalog = JSON.parse(readFileSync(new URL('../../../fixtures/providers.json', import.meta.url), 'utf8')) as { providers: { name: string }[] };
    catalog.providers = catalog.providers.filter((p) => p.name !== 'azure');
    expect((await list({ providers: catalog }, 'provider=azure')).status).toBe(400);
    expect((await list({ providers: catalog })).status).toBe(200);
  });

  test('media given as a loader is loaded once, on the first content request, not before', async () => {
    const dir = new URL('../../../fixtures/media/', import.meta.url);
    const names = ['video-1280x720-4s-ocean.mp4', 'thumbnail-1280x720-ocean.webp', 'spritesheet-1280x720-4s.jpg'];
    let loads = 0;
    const media = async (): Promise<NamedMedia[]> => {
      loads++;
      return names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
    };
    const mock = createFetchHandler({ jobs: 5, media, ...quiet });
    const page = (await (await mock.handle(new Request('http://x/v1/videos?provider=openai&limit=5', { headers: AUTH }))).json()) as VideoList;
    expect(loads).toBe(0);
    const done = page.data.filter((v) => v.status === 'completed');
    for (const job of done.slice(0, 2)) {
      const content = await mock.handle(new Request(`http://x/v1/videos/${job.id}/content?variant=thumbnail`, { headers: AUTH }));
      expect(content.headers.get('content-type')).toBe('image/webp');
    }
    expect(done.length).toBeGreaterThan(0);
    expect(loads).toBe(1);
  });

  test('media that fails to load fails the content requests only, with a 500 that is logged', async () => {
    const logs: string[] = [];
    const mock = createFetchHandler({ jobs: 5, media: () => Promise.reject(new Error('no disk')), log: (line) => logs.push(line) });
    const page = (await (await mock.handle(new Request('http://x/v1/videos?provider=openai&limit=5', { headers: AUTH }))).json()) as VideoList;
    const job = page.data.find((v) => v.status === 'completed')!;
    const content = await mock.handle(new Request(`http://x/v1/videos/${job.id}/content`, { headers: AUTH }));
    expect(content.status).toBe(500);
    expect(logs.join('\n')).toContain('no disk');
    expect((await mock.handle(new Request(`http://x/v1/videos/${job.id}`, { headers: AUTH }))).status).toBe(200);
  });
});

describe('handle takes a Request', () => {
  test.each([
    ['a string', 'http://x/v1/videos?provider=openai', '"http://x/v1/videos?provider=openai"'],
    ['a URL', new URL('http://x/v1/videos?provider=openai'), 'an object'],
    ['nothing', undefined, 'undefined'],
  ])('%s is a rejected promise saying what to pass, not a throw at the call', async (_name, given, described) => {
    const { handle } = createFetchHandler({ jobs: 3, ...quiet });
    let answer: Promise<Response> | undefined;
    expect(() => (answer = handle(given as unknown as Request))).not.toThrow();
    await expect(answer).rejects.toThrow(new TypeError(`handle: expected a fetch Request, got ${described} (wrap it: handle(new Request(url, init)))`));
  });

  test('a Request of another realm (by its shape) is answered', async () => {
    const { handle } = createFetchHandler({ jobs: 3, ...quiet });
    const real = new Request('http://x/v1/videos?provider=openai&limit=2', { headers: AUTH });
    const foreign = { url: real.url, method: real.method, headers: real.headers, body: null, signal: real.signal, arrayBuffer: () => real.arrayBuffer() } as unknown as Request;
    const response = await handle(foreign);
    expect(response.status).toBe(200);
    expect(((await response.json()) as VideoList).data).toHaveLength(2);
  });
});
