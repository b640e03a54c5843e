import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BifrostError, VideoList } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';

const LIST = '/v1/videos?provider=openai&limit=3';
const dir = mkdtempSync(join(tmpdir(), 'vjm-faults-'));
const scenario = (name: string, yaml: string) => {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
};

describe('X-Mock-Fault presets over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test.each([
    ['virtual_key_required', 401, { type: 'virtual_key_required' }, true],
    ['virtual_key_not_found', 401, { type: 'virtual_key_not_found' }, true],
    ['virtual_key_blocked', 403, { type: 'virtual_key_blocked' }, true],
    ['budget_exceeded', 402, { type: 'budget_exceeded' }, true],
    ['rate_limited', 429, { type: 'rate_limited' }, true],
    ['provider_rate_limited', 429, { code: 'rate_limit_exceeded' }, false],
    ['provider_error', 500, { type: 'server_error' }, false],
    ['bad_gateway', 502, {}, true],
    ['provider_unavailable', 503, {}, false],
    ['gateway_timeout', 504, {}, true],
    ['unsupported_operation', 400, { code: 'unsupported_operation', message: 'video_list is not supported by openai provider' }, true],
  ])('%s -> %i %j, is_bifrost_error %s, spec-valid', async (preset, status, error, isBifrost) => {
    // getJson fails the test if the body does not match openapi.yaml for its status.
    const response = await getJson<BifrostError>(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': preset } });
    expect(response.status).toBe(status);
    expect(response.body.status_code).toBe(status);
    expect(response.body.is_bifrost_error).toBe(isBifrost);
    expect(response.body.error).toMatchObject(error);
    if (status === 429) expect(response.headers.get('retry-after')).toBe('1');
  });

  test('an unknown preset is a 400 naming the header and listing the presets', async () => {
    const { status, body } = await getJson<BifrostError>(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': 'meteor' } });
    expect(status).toBe(400);
    expect(body.error.param).toBe('X-Mock-Fault');
    expect(body.error.message).toContain('rate_limited');
  });

  test('reset: the client sees ECONNRESET and no response', async () => {
    const outcome = await rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'reset' });
    expect(outcome).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
  });

  test('empty: the connection closes without a byte (socket hang up)', async () => {
    const outcome = await rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'empty' });
    expect(outcome).toMatchObject({ kind: 'error', message: 'socket hang up' });
  });

  test('hang: nothing comes back until the client gives up', async () => {
    const outcome = await rawGet(`${server.url}${LIST}`, { ...AUTH, 'X-Mock-Fault': 'hang' }, 400);
    expect(outcome).toEqual({ kind: 'timeout' });
  });

  test('slow:<ms>: the normal page, after the delay', async () => {
    const started = performance.now();
    const { status, body } = await getJson<VideoList>(`${server.url}${LIST}`, { headers: { ...AUTH, 'X-Mock-Fault': 'slow:300' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(3);
  });

  test('Prefer: code=<status> picks the preset for a declared status', async () => {
    const { status, body } = await getJson<BifrostError>(`${server.url}${LIST}`, { headers: { ...AUTH, Prefer: 'code=503' } });
    expect(status).toBe(503);
    expect(body.status_code).toBe(503);
  });

  test('Prefer: code=<status> the spec does not declare is a 400 saying so', async () => {
    const { status, body } = await getJson<BifrostError>(`${server.url}${LIST}`, { headers: { ...AUTH, Prefer: 'code=418' } });
    expect(status).toBe(400);
    expect(body.error.param).toBe('Prefer');
    expect(body.error.message).toContain('418 is not declared');
  });

  test('Prefer: code=200 is the normal response', async () => {
    const { status } = await getJson(`${server.url}${LIST}`, { headers: { ...AUTH, Prefer: 'code=200' } });
    expect(status).toBe(200);
  });

  test('the journal records each request with its fault and validation result', async () => {
    const journal = (await (await fetch(`${server.url}/__mock/requests`)).json()) as {
      requests: { url: string; status: number | null; fault: string | null; validation: string }[];
    };
    const byFault = new Map(journal.requests.map((r) => [r.fault, r]));
    expect(byFault.get('rate_limited')).toMatchObject({ status: 429, validation: 'passed', url: LIST });
    expect(byFault.get('reset')).toMatchObject({ status: null, validation: 'none' });
    expect(byFault.get('slow:300')).toMatchObject({ status: 200, validation: 'passed' });
  });
});

describe('scenario files', () => {
  test('a rule set picks requests by count, provider and query, and stops after `times`', async () => {
    const server = await startTestServer({
      faultsPath: scenario(
        'mixed.yaml',
        `rules:
  - name: azure is down
    match: { provider: azure }
    respond: { preset: provider_unavailable }
  - name: big pages time out twice
    match: { query: { limit: "100" } }
    times: 2
    respond: { preset: gateway_timeout }
  - name: every 3rd
    match: { every: 3 }
    respond: { status: 429, type: rate_limited, message: "slow down", headers: { Retry-After: "7" } }
`,
      ),
    });
    try {
      const status = async (query: string) => (await getJson(`${server.url}/v1/videos?${query}`)).status;
      expect(await status('provider=azure')).toBe(503);
      expect(await status('provider=openai&limit=100')).toBe(504);
      expect(await status('provider=openai&limit=100')).toBe(504);
      expect(await status('provider=openai&limit=100')).toBe(200); // spent; 1st of "every 3rd"
      expect(await status('provider=openai')).toBe(200);
      const third = await getJson<BifrostError>(`${server.url}/v1/videos?provider=openai`);
      expect(third.status).toBe(429);
      expect(third.body.error).toMatchObject({ type: 'rate_limited', message: 'slow down' });
      expect(third.headers.get('retry-after')).toBe('7');
    } finally {
      await server.close();
    }
  });

  test('seeded probability gives the same sequence of faults in two runs, another seed a different one', async () => {
    const path = scenario('coin.yaml', 'rules:\n  - match: { probability: 0.5 }\n    respond: { preset: provider_error }\n');
    const run = async (seed: number) => {
      const server = await startTestServer({ faultsPath: path, seed });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) statuses.push((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status);
        return statuses.join(',');
      } finally {
        await server.close();
      }
    };
    const first = await run(42);
    expect(first).toMatch(/200/);
    expect(first).toMatch(/500/);
    expect(await run(42)).toBe(first);
    expect(await run(7)).not.toBe(first);
  });

  test('the bundled key-revoked scenario lets 3 requests through, then answers 401', async () => {
    const server = await startTestServer({ faultsPath: new URL('../../fixtures/scenarios/key-revoked.yaml', import.meta.url).pathname });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await getJson(`${server.url}${LIST}`)).status);
      expect(statuses).toEqual([200, 200, 200, 401, 401]);
    } finally {
      await server.close();
    }
  });

  test('--latency delays every response', async () => {
    const server = await startTestServer({ latency: { min: 150, max: 200 } });
    try {
      const started = performance.now();
      expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      await server.close();
    }
  });

  test.each([
    ['an unknown preset', 'rules:\n  - respond: { preset: meteor }\n', /bad\.yaml: rule 0: respond\.preset: unknown preset "meteor"/],
    ['a custom status the spec does not declare', '- respond: { status: 418 }\n', /bad\.yaml: rule 0: respond\.status: 418 is not declared/],
    ['a misspelled field in the second rule', '- respond: { preset: hang }\n- match: { provder: openai }\n  respond: { preset: hang }\n', /bad\.yaml: rule 1: match\.provder: unknown field/],
  ])('%s stops the server from starting, naming file, rule and field', async (_name, yaml, message) => {
    const error = await startTestServer({ faultsPath: scenario('bad.yaml', yaml) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(message);
  });
});
