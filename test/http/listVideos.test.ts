import type { VideoList, BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const list = (query: string) => getJson<VideoList>(`${server.url}/v1/videos?${query}`);

describe('GET /v1/videos over HTTP', () => {
  test('the first page holds the newest `limit` jobs with ids, cursors and gateway extra_fields', async () => {
    const { status, body, headers } = await list('provider=openai&limit=5');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.data).toHaveLength(5);
    expect(body.has_more).toBe(true);
    expect(body.first_id).toBe(body.data[0]!.id);
    expect(body.last_id).toBe(body.data[4]!.id);
    const times = body.data.map((v) => v.created_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.extra_fields).toMatchObject({ request_type: 'video_list', provider: 'openai', chunk_index: 0 });
    expect(Number.isInteger(body.extra_fields.latency)).toBe(true);
    for (const video of body.data) expect(video.id).toMatch(/^video_[0-9a-f]{48}:openai$/);
  });

  test('limit and order default from the spec (20, desc)', async () => {
    const { body } = await list('provider=azure');
    expect(body.data).toHaveLength(20);
    expect(body.data[0]!.created_at).toBeGreaterThanOrEqual(body.data[19]!.created_at);
  });

  test('asc starts from the oldest job and desc is its exact reverse', async () => {
    const asc = await list('provider=openai&order=asc&limit=100');
    const desc = await list('provider=openai&order=desc&limit=100&after=' + asc.body.data[99]!.id);
    const rest = await list('provider=openai&order=desc&limit=100&after=' + desc.body.last_id);
    expect(asc.body.data[0]!.created_at).toBeLessThanOrEqual(asc.body.data[99]!.created_at);
    const reversed = [...desc.body.data, ...rest.body.data].map((v) => v.id).reverse();
    expect(reversed).toEqual(asc.body.data.slice(0, 99).map((v) => v.id));
  });

  test('a cursor works with and without the :provider suffix', async () => {
    const first = await list('provider=openai&limit=3');
    const cursor = first.body.last_id!;
    const withSuffix = await list(`provider=openai&limit=3&after=${encodeURIComponent(cursor)}`);
    const without = await list(`provider=openai&limit=3&after=${cursor.replace(/:openai$/, '')}`);
    expect(without.body).toEqual({ ...withSuffix.body, extra_fields: without.body.extra_fields });
    expect(withSuffix.body.data.map((v) => v.id)).not.toContain(cursor);
  });

  test('the last page has has_more false, and a page after the end is empty without ids', async () => {
    const oldest = await list('provider=openai&order=asc&limit=1');
    const end = await list(`provider=openai&after=${oldest.body.data[0]!.id}`);
    expect(end.body).toMatchObject({ object: 'list', data: [], has_more: false });
    expect(end.body).not.toHaveProperty('first_id');
    expect(end.body).not.toHaveProperty('last_id');
  });

  test.each([
    ['provider missing', '', 400, 'provider query parameter is required', 'provider'],
    ['limit not an integer', 'provider=openai&limit=ten', 400, 'invalid limit parameter', 'limit'],
    ['limit out of range', 'provider=openai&limit=101', 400, 'invalid limit parameter: must be <= 100', 'limit'],
    ['limit zero', 'provider=openai&limit=0', 400, 'invalid limit parameter: must be >= 1', 'limit'],
    ['bad order', 'provider=openai&order=newest', 400, 'invalid order parameter: must be one of asc, desc', 'order'],
    ['repeated limit', 'provider=openai&limit=1&limit=2', 400, 'invalid limit parameter: must be given at most once', 'limit'],
    ['unknown cursor', 'provider=openai&after=video_nope', 400, 'invalid after parameter', 'after'],
    ['unknown provider', 'provider=acme', 400, 'failed to get config for provider: acme', 'provider'],
    ['provider that cannot list', 'provider=gemini', 400, 'video_list is not supported by gemini provider', 'provider'],
  ])('%s -> %i BifrostError naming the parameter', async (_name, query, status, message, param) => {
    const { status: got, body } = await getJson<BifrostError>(`${server.url}/v1/videos?${query}`);
    expect(got).toBe(status);
    expect(body.status_code).toBe(status);
    expect(body.is_bifrost_error).toBe(true);
    expect(body.error.message.startsWith(message)).toBe(true);
    expect(body.error.param).toBe(param);
    expect(body.event_id).toMatch(/^evt_/);
  });

  test('a provider that cannot list answers with code unsupported_operation', async () => {
    const { body } = await getJson<BifrostError>(`${server.url}/v1/videos?provider=runway`);
    expect(body.error.code).toBe('unsupported_operation');
    expect(body.extra_fields).toMatchObject({ provider: 'runway', request_type: 'video_list' });
  });

  test('a cursor of another provider is a 400 naming after', async () => {
    const azure = await list('provider=azure&limit=1');
    const { status, body } = await getJson<BifrostError>(`${server.url}/v1/videos?provider=openai&after=${azure.body.last_id}`);
    expect(status).toBe(400);
    expect(body.error.param).toBe('after');
  });

  test.each([
    ['GET', '/v1/nothing', 404, null],
    ['GET', '/', 404, null],
    ['PUT', '/v1/videos?provider=openai', 405, 'GET, POST'],
    ['DELETE', '/v1/videos', 405, 'GET, POST'],
    ['PATCH', '/v1/videos/video_1:openai', 405, 'GET, DELETE'],
  ])('%s %s -> %i BifrostError', async (method, path, status, allow) => {
    const { status: got, body, headers } = await getJson<BifrostError>(`${server.url}${path}`, { method, headers: AUTH });
    expect(got).toBe(status);
    expect(body.status_code).toBe(status);
    if (status === 405) expect(headers.get('allow')).toBe(allow);
  });

  test('no response carries a stack trace or a file path', async () => {
    const { body } = await getJson<BifrostError>(`${server.url}/v1/videos?provider=openai&limit=x`);
    expect(JSON.stringify(body)).not.toMatch(/\bat \w+ \(|\/src\/|node_modules/);
  });

  test('no response broke the contract in this suite', () => {
    expect(server.logs).toEqual([]);
  });
});
