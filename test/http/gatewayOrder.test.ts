import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems, schemaProblems } from '../support/specJudge.js';

/**
 * Faults in the gateway's order (gateway-facts.md): a fault that comes from the provider
 * (`is_bifrost_error: false`) can only happen once the gateway has accepted the key and the
 * request; the gateway's own faults (rate limit, budget, keys) and network faults may come first.
 * Answers from the provider carry its request id (`x-request-id` for OpenAI and Azure).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

const LIST = '/v1/videos?provider=openai&limit=2';

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const body = (await response.json()) as { is_bifrost_error?: boolean; error?: { type?: string; param?: string } };
  return { status: response.status, body, requestId: response.headers.get('x-request-id') };
}

async function addRule(rule: object): Promise<void> {
  const response = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  expect(response.status).toBe(201);
}

describe('a fault from the provider waits for a request the gateway accepts', () => {
  test.each([
    ['X-Mock-Fault: provider_error', { 'x-mock-fault': 'provider_error' }],
    ['X-Mock-Fault: provider_unavailable', { 'x-mock-fault': 'provider_unavailable' }],
    ['X-Mock-Fault: provider_rate_limited', { 'x-mock-fault': 'provider_rate_limited' }],
    ['Prefer: code=500 (the provider_error preset)', { prefer: 'code=500' }],
  ])('%s without a key answers the gateway 401', async (_name, headers) => {
    const answer = await get(LIST, headers);
    expect(answer.status).toBe(401);
    expect(answer.body.is_bifrost_error).toBe(true);
    expect(errorSchemaProblems(answer.body)).toEqual([]);
  });

  test('X-Mock-Fault: provider_error with a key but a bad parameter answers the gateway 400', async () => {
    const answer = await get('/v1/videos?provider=openai&limit=0', { ...AUTH, 'x-mock-fault': 'provider_error' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.param).toBe('limit');
  });

  test('X-Mock-Fault: provider_error on an accepted request is the provider 500, with its request id', async () => {
    const answer = await get(LIST, { ...AUTH, 'x-mock-fault': 'provider_error' });
    expect(answer.status).toBe(500);
    expect(answer.body.is_bifrost_error).toBe(false);
    expect(answer.requestId).toMatch(/^req_[0-9a-f]{32}$/);
  });

  test('a provider rule for the next request is not spent on one the gateway refuses', async () => {
    await addRule({ name: 'once', times: 1, respond: { preset: 'provider_unavailable' } });
    expect((await get(LIST)).status).toBe(401); // no key: the gateway's answer, the rule untouched
    expect((await get(LIST, AUTH)).status).toBe(503);
    expect((await get(LIST, AUTH)).status).toBe(200); // spent now
  });

  test('a custom rule with is_bifrost_error: false counts as the provider too', async () => {
    await addRule({ respond: { status: 503, message: 'upstream is down', is_bifrost_error: false } });
    expect((await get(LIST)).status).toBe(401);
    expect((await get(LIST, AUTH)).status).toBe(503);
  });
});

describe("the gateway's own faults may come first, as before", () => {
  test.each([
    ['rate_limited', 429],
    ['budget_exceeded', 402],
    ['virtual_key_blocked', 403],
  ])('X-Mock-Fault: %s answers %i even without a key', async (preset, status) => {
    const answer = await get(LIST, { 'x-mock-fault': preset });
    expect(answer.status).toBe(status);
    expect(answer.body.is_bifrost_error).toBe(true);
    expect(answer.requestId).toBeNull(); // the gateway's own answer: no provider request id
  });

  test('a network fault needs no key either', async () => {
    await expect(fetch(`${server.url}${LIST}`, { headers: { 'x-mock-fault': 'reset' } })).rejects.toThrow();
  });
});

describe("the provider's request id", () => {
  test('is on every answer of an OpenAI-style provider, new each time', async () => {
    const first = await fetch(`${server.url}${LIST}`, { headers: AUTH });
    const second = await fetch(`${server.url}${LIST}`, { headers: AUTH });
    expect(schemaProblems(first.status, await first.json())).toEqual([]);
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('is readable by a browser app on another origin', async () => {
    const response = await fetch(`${server.url}${LIST}`, { headers: { ...AUTH, Origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  test("is not on the gateway's own errors", async () => {
    expect((await get('/v1/videos?provider=openai&limit=0', AUTH)).requestId).toBeNull();
    expect((await get('/v1/videos?provider=gemini', AUTH)).requestId).toBeNull();
  });
});
