import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';
import { adminCall as admin } from '../support/adminApi.js';
import { errorSchemaProblems } from '../support/specJudge.js';

interface RulesBody {
  rules: { index: number; rule: { name?: string }; matched: number; applied: number }[];
}


const LIST = '/v1/videos?provider=openai&limit=2';
const down = { name: 'down', respond: { preset: 'provider_unavailable' } };

describe('admin API on loopback', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ journalSize: 5 });
  });
  afterAll(() => server.close());
  afterEach(() => admin(server, 'POST', '/reset'));

  test('health answers ok', async () => {
    const { status, body } = await admin<{ status: string; seed: number }>(server, 'GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', seed: 42 });
  });

  test('PUT replaces the rules, GET lists them, traffic sees them, DELETE clears them', async () => {
    const put = await admin<RulesBody>(server, 'PUT', '/faults', { rules: [down] });
    expect(put.status).toBe(200);
    expect(put.body.rules.map((r) => r.rule.name)).toEqual(['down']);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(503);
    const listed = await admin<RulesBody>(server, 'GET', '/faults');
    expect(listed.body.rules[0]).toMatchObject({ matched: 1, applied: 1 });
    expect((await admin<RulesBody>(server, 'DELETE', '/faults')).body.rules).toEqual([]);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
  });

  test('POST adds one rule after the others', async () => {
    await admin(server, 'PUT', '/faults', [{ name: 'first', match: { provider: 'azure' }, respond: { preset: 'hang' } }]);
    const added = await admin<{ rule: { index: number; rule: { name?: string } }; count: number }>(server, 'POST', '/faults', down);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ rule: { index: 1, rule: { name: 'down' } }, count: 2 });
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules.map((r) => r.rule.name)).toEqual(['first', 'down']);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(503);
  });

  test.each([
    ['PUT', { rules: [down, { respond: { preset: 'meteor' } }] }, /PUT \/__mock\/faults: rule 1: respond\.preset: unknown preset "meteor"/],
    ['PUT', { rules: [{ respond: { status: 418 } }] }, /rule 0: respond\.status: 418 is not declared/],
    ['POST', { match: { nth: 0 }, respond: { preset: 'hang' } }, /POST \/__mock\/faults: rule 1: match\.nth: must be >= 1/],
    ['PUT', '{"rules": [', /the body is not valid JSON/],
    ['PUT', [{ match: { operation: 'creatVideo', every: 3 }, job: { outcome: 'failed' } }], /rule 0: match\.operation: "creatVideo" is neither an operationId of the spec \(listVideos, createVideo, .*\) nor a request type \(video_generation, /],
    ['POST', { match: { operation: ['retrieveVideo', 'video_lisst'] }, respond: { preset: 'hang' } }, /rule 1: match\.operation: "video_lisst" is neither/],
    ['POST', { match: { operation: 'listVideos' }, job: { renderSeconds: 5 } }, /rule 1: job: only creates and remixes make jobs/],
  ])('%s %j is refused with 400 naming rule and field, and the rules in force stay', async (method, body, message) => {
    await admin(server, 'PUT', '/faults', [down]);
    const refused = await admin<BifrostError>(server, method, '/faults', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(message);
    const after = await admin<RulesBody>(server, 'GET', '/faults');
    expect(after.body.rules.map((r) => r.rule.name)).toEqual(['down']);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(503);
  });

  test('the journal is bounded and reset clears it', async () => {
    for (let i = 0; i < 8; i++) await getJson(`${server.url}${LIST}&i=${i}`);
    const { body } = await admin<{ capacity: number; requests: { url: string; status: number; durationMs: number; time: string; method: string }[] }>(server, 'GET', '/requests');
    expect(body.capacity).toBe(5);
    expect(body.requests.map((r) => r.url)).toEqual([3, 4, 5, 6, 7].map((i) => `${LIST}&i=${i}`));
    expect(body.requests[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(typeof body.requests[0]!.durationMs).toBe('number');
    await admin(server, 'POST', '/reset');
    expect((await admin<{ requests: unknown[] }>(server, 'GET', '/requests')).body.requests).toEqual([]);
  });

  test('unknown admin paths are a 404 BifrostError', async () => {
    expect((await admin(server, 'GET', '/nothing')).status).toBe(404);
  });
});

describe('admin API with --admin-token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adminToken: 's3cret' });
  });
  afterAll(() => server.close());

  test.each([
    ['no token', {}, 401],
    ['a wrong token', { 'X-Mock-Admin-Token': 'guess' }, 401],
    ['the token', { 'X-Mock-Admin-Token': 's3cret' }, 200],
  ])('%s -> %i', async (_name, headers, status) => {
    expect((await admin(server, 'GET', '/faults', undefined, headers)).status).toBe(status);
  });

  test('a refused admin request changes nothing', async () => {
    expect((await admin(server, 'PUT', '/faults', [down])).status).toBe(401);
    expect((await getJson(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(200);
  });
});

describe('admin API beyond loopback', () => {
  test('binding to a non-loopback address without a token turns admin off and says so', async () => {
    const server = await startTestServer({ host: '0.0.0.0' });
    try {
      expect(server.info.admin).toBe('off');
      expect(server.logs.join('\n')).toMatch(/admin API is off: 0\.0\.0\.0 is not a loopback address/);
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      const response = await fetch(`${url}/__mock/faults`);
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('admin API safety', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('a PUT whose body is not declared JSON is refused with 415 and the rules stay', async () => {
    await admin(server, 'PUT', '/faults', [down]);
    const response = await fetch(`${server.url}/__mock/faults`, { method: 'PUT', body: JSON.stringify([]) });
    expect(response.status).toBe(415);
    expect(errorSchemaProblems(await response.json())).toEqual([]);
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules.map((r) => r.rule.name)).toEqual(['down']);
  });

  test.each([
    ['a header name with a space', { 'Bad Name': 'x' }],
    ['a header value with a NUL', { 'X-Bad': 'a\u0000b' }],
    ['a header value outside latin-1', { 'X-Bad': 'snow \u2603' }],
  ])('a custom response with %s is refused', async (_name, headers) => {
    const refused = await admin<BifrostError>(server, 'PUT', '/faults', [{ respond: { status: 500, headers } }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/rule 0: respond\.headers/);
  });

  test('a match on an empty header name is refused', async () => {
    const refused = await admin<BifrostError>(server, 'PUT', '/faults', [{ match: { headers: { '': 'x' } }, respond: { preset: 'hang' } }]);
    expect(refused.status).toBe(400);
  });

  test('a web page on another site can neither call nor preflight the admin API', async () => {
    const evil = { Origin: 'https://evil.example' };
    const post = await fetch(`${server.url}/__mock/reset`, { method: 'POST', headers: evil });
    expect(post.status).toBe(403);
    const preflight = await fetch(`${server.url}/__mock/faults`, {
      method: 'OPTIONS',
      headers: { ...evil, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a site whose name merely starts with 127. is not loopback', async () => {
    const response = await fetch(`${server.url}/__mock/reset`, { method: 'POST', headers: { Origin: 'http://127.evil.example' } });
    expect(response.status).toBe(403);
  });

  test('a Host header naming another site (DNS rebinding) is refused', async () => {
    const outcome = await rawGet(`${server.url}/__mock/requests`, { Host: 'attacker.example:8080' });
    expect(outcome).toMatchObject({ kind: 'response', status: 403 });
    for (const host of ['localhost', '127.0.0.1', '[::1]:8080']) {
      expect(await rawGet(`${server.url}/__mock/health`, { Host: host })).toMatchObject({ kind: 'response', status: 200 });
    }
  });

  test('a page served from localhost may use it, with CORS', async () => {
    const response = await fetch(`${server.url}/__mock/faults`, { headers: { Origin: 'http://localhost:5173' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
