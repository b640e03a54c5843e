import { AUTH, startTestServer, type TestServer } from '../support/http.js';

/** Every response tells browsers not to guess its type: the API, its errors, the admin API and the console. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test.each([
  ['a list page', 'GET', '/v1/videos?provider=openai&limit=1', AUTH],
  ['a 400', 'GET', '/v1/videos?provider=openai&limit=0', AUTH],
  ['a 401', 'GET', '/v1/videos?provider=openai', {}],
  ['a 404', 'GET', '/nowhere', AUTH],
  ['a 405', 'PATCH', '/v1/videos', AUTH],
  ['a preflight', 'OPTIONS', '/v1/videos', { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' }],
  ['the health', 'GET', '/__mock/health', {}],
  ['an admin 404', 'GET', '/__mock/nothing', {}],
  ['the console', 'GET', '/__mock/', {}],
  ['the spec', 'GET', '/__mock/openapi.yaml', {}],
])('%s carries X-Content-Type-Options: nosniff', async (_name, method, path, headers) => {
  const response = await fetch(`${server.url}${path}`, { method, headers });
  await response.arrayBuffer();
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
});

test('media downloads carry it too', async () => {
  await fetch(`${server.url}/__mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 3600 }) });
  const page = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=30`, { headers: AUTH })).json()) as { data: { id: string; status: string }[] };
  const done = page.data.find((job) => job.status === 'completed')!;
  const response = await fetch(`${server.url}/v1/videos/${done.id}/content`, { headers: AUTH });
  await response.arrayBuffer();
  expect(response.headers.get('content-type')).toBe('video/mp4');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
});
