import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { getJson, startTestServer, type TestServer } from '../support/http.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const path = '/v1/videos?provider=openai&limit=1';

describe('auth with the default policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test.each([
    ['a Bearer sk-bf- key', { Authorization: 'Bearer sk-bf-anything' }, 200],
    ['a Bearer JWT', { Authorization: `Bearer ${JWT}` }, 200],
    ['an x-bf-vk header', { 'x-bf-vk': 'sk-bf-anything' }, 200],
    ['a lower-case bearer scheme', { Authorization: 'bearer sk-bf-x' }, 200],
  ])('%s is accepted', async (_name, headers, status) => {
    expect((await getJson(`${server.url}${path}`, { headers })).status).toBe(status);
  });

  test.each([
    ['no credentials', {}, 'virtual_key_required', 'virtual key is required.'],
    ['an empty Bearer', { Authorization: 'Bearer ' }, 'virtual_key_required', 'virtual key is required.'],
    ['Basic auth', { Authorization: 'Basic dXNlcjpwYXNz' }, 'virtual_key_required', 'virtual key is required.'],
    ['a key that is neither sk-bf- nor a JWT', { Authorization: 'Bearer sk-proj-123' }, 'virtual_key_not_found', 'virtual key not found.'],
  ])('%s -> 401 %s', async (_name, headers, type, message) => {
    const { status, body } = await getJson<BifrostError>(`${server.url}${path}`, { headers });
    expect(status).toBe(401);
    expect(body.error.type).toBe(type);
    expect(body.error.message.startsWith(message)).toBe(true);
  });

  test('auth is checked before parameters', async () => {
    const { status } = await getJson(`${server.url}/v1/videos?limit=nope`, { headers: {} });
    expect(status).toBe(401);
  });
});

describe('auth with --keys', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ keys: ['sk-bf-alpha', 'team-key'] });
  });
  afterAll(() => server.close());

  test.each([
    [{ Authorization: 'Bearer sk-bf-alpha' }, 200],
    [{ 'x-bf-vk': 'team-key' }, 200],
    [{ Authorization: 'Bearer sk-bf-other' }, 401],
    [{ Authorization: `Bearer ${JWT}` }, 401],
  ])('%j -> %i', async (headers, status) => {
    const response = await getJson<BifrostError>(`${server.url}${path}`, { headers });
    expect(response.status).toBe(status);
    if (status === 401) expect(response.body.error.type).toBe('virtual_key_not_found');
  });
});
