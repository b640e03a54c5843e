import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { adminCall as admin } from '../support/adminApi.js';
import { defaultCatalogPath } from '../../src/files/loadProviderCatalog.js';
import type { ProvidersAnswer } from '../../src/shared/providerCatalog.js';

interface RulesBody {
  rules: { index: number; rule: { name?: string }; matched: number; applied: number }[];
}


const LIST = '/v1/videos?provider=openai&limit=2';
const rule = (name: string, preset: string, extra: Record<string, unknown> = {}) => ({ name, respond: { preset }, ...extra });

describe('admin API additions for the console', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ journalSize: 5 });
  });
  afterAll(() => server.close());
  afterEach(() => admin(server, 'POST', '/reset'));

  test('GET /__mock/presets lists every preset with its status and what it imitates', async () => {
    const { status, body } = await admin<{ presets: { name: string; status: number | null; description: string }[] }>(server, 'GET', '/presets');
    expect(status).toBe(200);
    const byName = new Map(body.presets.map((p) => [p.name, p]));
    expect(byName.get('provider_unavailable')).toEqual({ name: 'provider_unavailable', status: 503, description: expect.stringMatching(/outage/) });
    expect(byName.get('rate_limited')?.status).toBe(429);
    expect(byName.get('reset')?.status).toBeNull();
    expect(byName.get('slow:<ms>')?.status).toBe(200);
    for (const preset of body.presets) expect(preset.description.length).toBeGreaterThan(5);
  });

  test('DELETE /__mock/faults/{name} removes that rule only; the others keep their counters', async () => {
    await admin(server, 'PUT', '/faults', [rule('azure down', 'provider_unavailable', { match: { provider: 'azure' } }), rule('openai down', 'provider_unavailable', { match: { provider: 'openai' } })]);
    expect((await getJson(`${server.url}/v1/videos?provider=azure`)).status).toBe(503);
    const removed = await admin<{ removed: { rule: { name: string } }; remaining: number }>(server, 'DELETE', '/faults/openai%20down');
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: { rule: { name: 'openai down' } }, remaining: 1 });
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
    const left = await admin<RulesBody>(server, 'GET', '/faults');
    expect(left.body.rules).toEqual([expect.objectContaining({ index: 0, rule: expect.objectContaining({ name: 'azure down' }), matched: 1, applied: 1 })]);
  });

  test('an unnamed rule is removed as "rule <index>"; an unknown name is a 404 and changes nothing', async () => {
    await admin(server, 'PUT', '/faults', [{ respond: { preset: 'hang' }, match: { provider: 'azure' } }, { respond: { preset: 'rate_limited' } }]);
    const missing = await admin<BifrostError>(server, 'DELETE', '/faults/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no rule named "nope"/);
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules).toHaveLength(2);
    expect((await admin(server, 'DELETE', '/faults/rule%201')).status).toBe(200);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
  });

  test('a preset with extra headers answers with them (a longer Retry-After on a 503)', async () => {
    await admin(server, 'POST', '/faults', { respond: { preset: 'provider_unavailable', headers: { 'Retry-After': '30' } } });
    const answer = await getJson(`${server.url}${LIST}`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('30');
  });

  test('headers on a preset that sends no HTTP error are refused, naming the field', async () => {
    const refused = await admin<BifrostError>(server, 'POST', '/faults', { respond: { preset: 'reset', headers: { 'Retry-After': '1' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/rule 0: respond\.headers: only presets that answer with an HTTP error/);
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules).toEqual([]);
  });

  test('match.operation picks requests by operationId', async () => {
    await admin(server, 'PUT', '/faults', [rule('other op', 'provider_error', { match: { operation: 'createVideo' } }), rule('list op', 'bad_gateway', { match: { operation: ['listVideos'] } })]);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(502);
  });

  test('GET /__mock/requests/{id} shows the request (secrets masked) and the response body', async () => {
    await getJson(`${server.url}${LIST}`, { headers: { Authorization: 'Bearer sk-bf-a-long-secret-key' } });
    const { body: journal } = await admin<{ requests: { id: number; url: string }[] }>(server, 'GET', '/requests');
    const id = journal.requests.at(-1)!.id;
    const { status, body } = await admin<{ request: { headers: Record<string, string> }; response: { status: number; body: { object: string } }; violation: unknown }>(server, 'GET', `/requests/${id}`);
    expect(status).toBe(200);
    expect(body.request.headers['authorization']).toBe('Bearer sk-bf-…-key');
    expect(body.response).toMatchObject({ status: 200, body: { object: 'list' } });
    expect(body.violation).toBeNull();
  });

  test('details are kept for the newest requests only; older or unknown ids are a 404', async () => {
    for (let i = 0; i < 7; i++) await getJson(`${server.url}${LIST}&i=${i}`);
    const { body: journal } = await admin<{ requests: { id: number }[] }>(server, 'GET', '/requests');
    expect(journal.requests).toHaveLength(5);
    const oldest = journal.requests[0]!.id;
    expect((await admin(server, 'GET', `/requests/${oldest}`)).status).toBe(200);
    expect((await admin(server, 'GET', `/requests/${oldest - 1}`)).status).toBe(404);
    expect((await admin(server, 'GET', '/requests/abc')).status).toBe(404);
  });

  test('GET /__mock/providers gives each provider its models with the sizes and durations they take', async () => {
    const { status, body } = await admin<ProvidersAnswer>(server, 'GET', '/providers');
    expect(status).toBe(200);
    const catalog = JSON.parse(readFileSync(defaultCatalogPath, 'utf8')) as { providers: { name: string; canList: boolean; models: { id: string; sizes: string[]; seconds: string[] }[] }[] };
    expect(body.providers.map((p) => p.name)).toEqual(catalog.providers.map((p) => p.name));
    const openai = body.providers.find((p) => p.name === 'openai')!;
    expect(openai.canList).toBe(true);
    expect(openai.operations).toContain('video_generation');
    expect(openai.models.find((m) => m.id === 'sora-2')).toEqual({ id: 'sora-2', sizes: ['720x1280', '1280x720'], seconds: ['4', '8', '12'] });
    expect(openai.models.find((m) => m.id === 'sora-2-pro')?.sizes).toContain('1792x1024');
  });

  test('the rules and the journal reset each on their own; an unknown part is a 404 that resets nothing', async () => {
    await admin(server, 'PUT', '/faults', [rule('azure down', 'provider_unavailable', { match: { provider: 'azure' } })]);
    await getJson(`${server.url}${LIST}`);
    const unknown = await admin<BifrostError>(server, 'POST', '/reset/everything');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/parts: jobs, rules, journal/);
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules).toHaveLength(1);

    const journalReset = await admin(server, 'POST', '/reset/journal');
    expect(journalReset).toMatchObject({ status: 200, body: { reset: 'journal' } });
    expect((await admin<{ requests: unknown[] }>(server, 'GET', '/requests')).body.requests).toEqual([]);
    expect((await admin<RulesBody>(server, 'GET', '/faults')).body.rules).toHaveLength(1);

    await getJson(`${server.url}${LIST}`);
    const rulesReset = await admin(server, 'POST', '/reset/rules');
    expect(rulesReset).toMatchObject({ status: 200, body: { reset: 'rules', rules: [] } });
    expect((await admin<{ requests: unknown[] }>(server, 'GET', '/requests')).body.requests).toHaveLength(1);
  });

  test('a reset of one part sent with a body that is not JSON is a 415 that resets nothing', async () => {
    await getJson(`${server.url}${LIST}`);
    const response = await fetch(`${server.url}/__mock/reset/journal`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(response.status).toBe(415);
    expect((await admin<{ requests: unknown[] }>(server, 'GET', '/requests')).body.requests).toHaveLength(1);
  });

  test('GET /__mock/scenarios lists the shipped scenarios with what each rehearses', async () => {
    const { body } = await admin<{ scenarios: { name: string; description: string; text: string }[] }>(server, 'GET', '/scenarios');
    expect(body.scenarios.map((s) => s.name)).toEqual(expect.arrayContaining(['flaky-provider.yaml', 'rate-limited.yaml']));
    const flaky = body.scenarios.find((s) => s.name === 'flaky-provider.yaml')!;
    expect(flaky.description).toMatch(/about 1 request in 10/);
    expect(flaky.text).toContain('provider_unavailable');
  });
});

describe('the journal detail of a contract violation', () => {
  test('names the failing JSON paths and says the client got a 500', async () => {
    const original = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    const from = 'size:\n          type: string\n';
    expect(original).toContain(from);
    const path = join(mkdtempSync(join(tmpdir(), 'vjm-console-')), 'strict.yaml');
    writeFileSync(path, original.replace(from, 'size:\n          type: string\n          pattern: "^[0-9]+p$"\n'));
    const server = await startTestServer({ specPath: path });
    try {
      expect((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(500);
      const { body } = await admin<{ entry: { validation: string }; violation: { problems: string[]; sent: string } }>(server, 'GET', '/requests/1');
      expect(body.entry.validation).toBe('failed');
      expect(body.violation.sent).toBe('500 mock_contract_violation');
      expect(body.violation.problems).toContain('$.data.0.size: must match pattern "^[0-9]+p$"');
    } finally {
      await server.close();
    }
  });
});
