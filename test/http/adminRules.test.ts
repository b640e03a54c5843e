import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { adminCall as admin } from '../support/adminApi.js';

interface RuleReport {
  index: number;
  rule: { name?: string; times?: number };
  matched: number;
  applied: number;
  spent: boolean;
}


const names = async (server: TestServer) => (await admin<{ rules: RuleReport[] }>(server, 'GET', '/faults')).body.rules.map((r) => r.rule.name);
const list = (server: TestServer, provider = 'openai') => fetch(`${server.url}/v1/videos?provider=${provider}&limit=1`, { headers: AUTH });
const hang = (name: string, extra: Record<string, unknown> = {}) => ({ name, match: { provider: 'gemini' }, respond: { preset: 'hang' }, ...extra });

describe('spent rules', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 10 });
  });
  afterAll(() => server.close());
  afterEach(() => admin(server, 'POST', '/reset'));

  test('a rule for the next 2 requests that fired twice is reported spent; DELETE ?spent=true removes only it', async () => {
    await admin(server, 'PUT', '/faults', [
      { name: 'twice', times: 2, match: { provider: 'openai' }, respond: { preset: 'rate_limited' } },
      { name: 'azure down', match: { provider: 'azure' }, respond: { preset: 'provider_unavailable' } },
      { name: 'later', times: 5, match: { provider: 'azure', after: 100 }, respond: { preset: 'hang' } },
    ]);
    expect((await list(server)).status).toBe(429);
    let rules = (await admin<{ rules: RuleReport[] }>(server, 'GET', '/faults')).body.rules;
    expect(rules.map((r) => r.spent)).toEqual([false, false, false]);
    expect((await list(server)).status).toBe(429);
    expect((await list(server)).status).toBe(200);
    rules = (await admin<{ rules: RuleReport[] }>(server, 'GET', '/faults')).body.rules;
    expect(rules.map((r) => [r.rule.name, r.applied, r.spent])).toEqual([['twice', 2, true], ['azure down', 0, false], ['later', 0, false]]);

    const cleared = await admin<{ removed: RuleReport[]; rules: RuleReport[] }>(server, 'DELETE', '/faults?spent=true');
    expect(cleared.status).toBe(200);
    expect(cleared.body.removed.map((r) => r.rule.name)).toEqual(['twice']);
    expect(cleared.body.rules.map((r) => [r.index, r.rule.name])).toEqual([[0, 'azure down'], [1, 'later']]);
    expect((await list(server, 'azure')).status).toBe(503);
  });

  test.each([
    ['spent=false', /spent: only spent=true/],
    ['spnt=true', /spnt: unknown parameter/],
    ['spent=true&spent=true', /spent: only spent=true/],
  ])('DELETE /__mock/faults?%s is a 400 that removes nothing (a typo never clears all)', async (query, message) => {
    await admin(server, 'PUT', '/faults', [hang('a'), hang('b')]);
    const refused = await admin<BifrostError>(server, 'DELETE', `/faults?${query}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(message);
    expect(await names(server)).toEqual(['a', 'b']);
  });
});

describe('rule names in URLs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 10 });
  });
  afterAll(() => server.close());
  afterEach(() => admin(server, 'POST', '/reset'));

  test.each(['', '.', '..'])('a rule named %j is refused when added or put, with a 400 naming the field', async (name) => {
    await admin(server, 'PUT', '/faults', [hang('keep')]);
    const added = await admin<BifrostError>(server, 'POST', '/faults', hang(name));
    expect(added.status).toBe(400);
    expect(added.body.error.message).toMatch(/rule 1: name: .* cannot name a rule in a URL/);
    const put = await admin<BifrostError>(server, 'PUT', '/faults', [hang(name)]);
    expect(put.status).toBe(400);
    expect(put.body.error.message).toMatch(/rule 0: name:/);
    expect(await names(server)).toEqual(['keep']);
  });

  test('DELETE /__mock/faults/ (a name left empty) clears nothing; only DELETE /__mock/faults clears all', async () => {
    await admin(server, 'PUT', '/faults', [hang('a'), hang('b')]);
    const slash = await admin<BifrostError>(server, 'DELETE', '/faults/');
    expect(slash.status).toBe(404);
    expect(slash.body.error.message).toMatch(/no rule name after the slash/);
    expect(await names(server)).toEqual(['a', 'b']);
    expect((await admin(server, 'DELETE', '/faults')).status).toBe(200);
    expect(await names(server)).toEqual([]);
  });

  test.each(['a/b', 'a?b', 'a#b', '100%', 'x..y', '...', ' . ', 'é'])('a rule named %j is removed by its URL-encoded name, and only it', async (name) => {
    await admin(server, 'PUT', '/faults', [hang('other'), hang(name)]);
    const removed = await admin<{ removed: RuleReport; remaining: number }>(server, 'DELETE', `/faults/${encodeURIComponent(name)}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: { rule: { name } }, remaining: 1 });
    expect(await names(server)).toEqual(['other']);
  });
});
