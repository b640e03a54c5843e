import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors/ConfigError.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, getJson, startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const LIST = '/v1/videos?provider=openai&limit=2';

async function putRules(server: TestServer, rules: unknown) {
  const response = await fetch(`${server.url}/__mock/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  const body = (await response.json()) as BifrostError;
  if (response.status >= 400) expect(errorSchemaProblems(body)).toEqual([]);
  return { status: response.status, body };
}

describe('headers a fault rule may set on its response', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  afterEach(() => fetch(`${server.url}/__mock/reset`, { method: 'POST' }));

  test('a rule with a Trailer header is refused, and the server keeps serving (it used to crash on the next request)', async () => {
    const refused = await putRules(server, [{ respond: { status: 503, headers: { Trailer: 'X' } } }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/rule 0: respond\.headers\.Trailer: Trailer is a hop-by-hop header/);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
    expect((await fetch(`${server.url}/__mock/faults`).then((r) => r.json()) as { rules: unknown[] }).rules).toEqual([]);
  });

  test.each([
    'Transfer-Encoding',
    'content-length',
    'Content-Encoding',
    'CONNECTION',
    'Upgrade',
    'trailer',
    'Keep-Alive',
    'TE',
    'Proxy-Connection',
    'Content-Type',
  ])('%s is refused with a message naming it', async (name) => {
    const refused = await putRules(server, [{ name: 'ok', respond: { preset: 'rate_limited' } }, { respond: { status: 503, headers: { [name]: '5' } } }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(`rule 1: respond.headers.${name}: ${name} is`);
    expect(refused.body.error.message).toMatch(/a rule may not set it; the rules in force are unchanged/);
  });

  test('ordinary headers are still sent, and the response has exactly one framing', async () => {
    const ok = await putRules(server, [{ respond: { status: 503, headers: { 'Retry-After': '7', 'X-Request-Id': 'abc' } } }]);
    expect(ok.status).toBe(200);
    const outcome = await rawGet(`${server.url}${LIST}`, AUTH);
    expect(outcome).toMatchObject({ kind: 'response', status: 503, headers: { 'retry-after': '7', 'x-request-id': 'abc' } });
    if (outcome.kind !== 'response') return;
    expect(outcome.headers['transfer-encoding']).toBeUndefined();
    expect(Number(outcome.headers['content-length'])).toBe(Buffer.byteLength(outcome.body));
  });
});

test('a scenario file with a framing header stops startup with one line naming the file, rule and header', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vjm-headers-')), 'faults.yaml');
  writeFileSync(path, 'rules:\n  - respond: { status: 503, headers: { Trailer: X } }\n');
  const error = await startTestServer({ faultsPath: path }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toBe(`${path}: rule 0: respond.headers.Trailer: Trailer is a hop-by-hop header the mock writes itself; a rule may not set it`);
});
