import { setupServer } from 'msw/node';
import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { createHandlers, type HandlersOptions } from '../../../src/hosts/msw/index.js';

const headers = { authorization: 'Bearer sk-bf-handlers' };
const unhandled: string[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: (request) => void unhandled.push(request.url) }));
afterEach(() => {
  server.resetHandlers();
  unhandled.length = 0;
});
afterAll(() => server.close());

/** Installs the mock's handlers with `options`; returns its control. */
function use(options: HandlersOptions = {}) {
  const { handlers, control } = createHandlers({ jobs: 5, log: () => undefined, ...options });
  server.use(...handlers);
  return control;
}

/** The status, or `unhandled` when no handler answered (the request failed, as MSW's onUnhandledRequest lets it). */
async function statusOf(url: string): Promise<number | 'unhandled'> {
  const response = await fetch(url, { headers }).catch(() => undefined);
  if (unhandled.includes(url)) return 'unhandled';
  return response?.status ?? 0;
}

describe('where the handlers answer', () => {
  test('by default: the spec’s paths on any origin, and nothing else', async () => {
    use();
    expect(await statusOf('https://any.test/v1/videos?provider=openai')).toBe(200);
    expect(await statusOf('http://localhost:5173/openai/videos?provider=openai')).toBe(200);
    expect(await statusOf('https://any.test/v1/videos/nope')).toBe(400); // a path of the spec, answered: no video id
    expect(await statusOf('https://any.test/api/users')).toBe('unhandled');
  });

  test('under an origin with a path: every request under it, unknown paths answered with the gateway’s 404', async () => {
    use({ baseUrl: 'https://gateway.test/api/' });
    expect(await statusOf('https://gateway.test/api/v1/videos?provider=openai')).toBe(200);
    expect(await statusOf('https://gateway.test/api/openai/v1/videos?provider=openai')).toBe(200);
    expect(await statusOf('https://gateway.test/api/v2/things')).toBe(404);
    expect(await statusOf('https://gateway.test/v1/videos?provider=openai')).toBe('unhandled');
    expect(await statusOf('https://gateway.test/apis/v1/videos?provider=openai')).toBe('unhandled');
    expect(await statusOf('https://other.test/api/v1/videos?provider=openai')).toBe('unhandled');
  });

  test('under a path alone: that path on any origin', async () => {
    use({ baseUrl: '/gateway' });
    expect(await statusOf('https://a.test/gateway/v1/videos?provider=openai')).toBe(200);
    expect(await statusOf('http://b.test/gateway/v1/videos?provider=azure')).toBe(200);
    expect(await statusOf('http://b.test/v1/videos?provider=azure')).toBe('unhandled');
  });

  test('the official SDK’s baseURL works as the base: its /v1 (or /openai/v1, /openai) is the start of the API’s paths', async () => {
    use({ baseUrl: 'https://gateway.test/api/v1' });
    expect(await statusOf('https://gateway.test/api/v1/videos?provider=openai')).toBe(200);
    expect(await statusOf('https://gateway.test/api/v1/videos/nope')).toBe(400);
    use({ baseUrl: 'https://gateway.test/openai/v1' });
    expect(await statusOf('https://gateway.test/openai/v1/videos?provider=openai')).toBe(200);
    use({ baseUrl: '/openai' });
    expect(await statusOf('https://a.test/openai/videos?provider=openai')).toBe(200);
    expect(await statusOf('https://a.test/openai/v1/videos?provider=openai')).toBe(200);
  });

  test('options it does not take, and a base that is not a string, are ConfigErrors naming them', () => {
    expect(() => createHandlers({ baseURL: 'https://gateway.test' } as never)).toThrow('createHandlers: unknown option "baseURL"; did you mean baseUrl?');
    expect(() => createHandlers({ baseUrl: 42 } as never)).toThrow('baseUrl: 42 is not an http(s) URL');
    expect(() => createHandlers(null as never)).toThrow('createHandlers: the options must be an object, not null');
  });

  test('a base that is not an http(s) URL or a path is refused', () => {
    expect(() => createHandlers({ baseUrl: 'gateway.test' })).toThrow(ConfigError);
    expect(() => createHandlers({ baseUrl: 'ftp://gateway.test' })).toThrow('baseUrl: "ftp://gateway.test" is not an http(s) URL');
  });
});

describe('network faults through MSW', () => {
  test.each(['reset', 'empty'])('%s makes fetch fail with a network error', async (preset) => {
    const control = use();
    control.faults.apply(preset);
    await expect(fetch('https://any.test/v1/videos?provider=openai', { headers })).rejects.toThrow(TypeError);
    expect(control.journal.entries()[0]).toMatchObject({ status: null, fault: preset });
  });

  test('hang leaves fetch waiting until the client aborts; the journal then records no answer', async () => {
    const control = use();
    control.faults.apply('hang');
    const controller = new AbortController();
    const answer = fetch('https://any.test/v1/videos?provider=openai', { headers, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(control.journal.entries()).toEqual([]);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(control.journal.entries()[0]).toMatchObject({ status: null, fault: 'hang' });
  });
});
