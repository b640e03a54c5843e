import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors/ConfigError.js';
import { MAX_RULES } from '../../src/core/faults/parseRules.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { getJson, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';

const LIST = '/v1/videos?provider=openai&limit=2';
const down = { name: 'down', respond: { preset: 'provider_unavailable' } };
const azureRule = (i: number) => ({ name: `azure ${i}`, match: { provider: 'azure' }, respond: { preset: 'provider_error' } });

async function admin<T = BifrostError>(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${server.url}/__mock${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (response.status >= 400) expect(errorSchemaProblems(json)).toEqual([]);
  return { status: response.status, body: json };
}

const names = async (server: TestServer) =>
  (await admin<{ rules: { rule: { name?: string } }[] }>(server, 'GET', '/faults')).body.rules.map((r) => r.rule.name);

describe('the rule cap and the admin writes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => admin(server, 'PUT', '/faults', [down]));

  test(`PUT of ${MAX_RULES} rules is accepted; one more is refused and the rules in force stay`, async () => {
    const many = Array.from({ length: MAX_RULES + 1 }, (_, i) => azureRule(i));
    const refused = await admin(server, 'PUT', '/faults', many);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/1001 rules: at most 1000 may be in force/);
    expect(await names(server)).toEqual(['down']);
    expect((await admin(server, 'PUT', '/faults', many.slice(0, MAX_RULES))).status).toBe(200);
    expect((await names(server)).length).toBe(MAX_RULES);
  });

  test('POST answers the added rule and the count, not the whole list', async () => {
    const added = await admin<{ rule: { index: number; rule: unknown; matched: number; applied: number }; count: number }>(server, 'POST', '/faults', azureRule(1));
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ rule: { index: 1, rule: azureRule(1), matched: 0, applied: 0, spent: false }, count: 2 });
  });

  test('POST past the cap is refused and adds nothing', async () => {
    await admin(server, 'PUT', '/faults', Array.from({ length: MAX_RULES }, (_, i) => azureRule(i)));
    const refused = await admin(server, 'POST', '/faults', down);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/1000 rules are in force already/);
    expect((await names(server)).length).toBe(MAX_RULES);
  });

  test('a body over 256 KB is a 413 and changes nothing', async () => {
    const huge = [{ ...down, name: 'x'.repeat(300 * 1024) }];
    expect((await admin(server, 'PUT', '/faults', huge)).status).toBe(413);
    expect(await names(server)).toEqual(['down']);
  });

  test.each([
    ['{"rules": null}', { rules: null }],
    ['{"rules": {}}', { rules: {} }],
    ['{}', {}],
  ])('PUT %s is refused, not read as "clear everything"', async (_name, body) => {
    const refused = await admin(server, 'PUT', '/faults', body);
    expect(refused.status).toBe(400);
    expect(await names(server)).toEqual(['down']);
    expect((await getJson(`${server.url}${LIST}`)).status).toBe(503);
  });

  test.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('POST /__mock/reset sent as %s is refused with 415 and resets nothing', async (_name, headers) => {
    const refused = await admin(server, 'POST', '/reset', 'x=1', headers);
    expect(refused.status).toBe(415);
    expect(refused.body.error.message).toMatch(/send no body, or Content-Type: application\/json/);
    expect(await names(server)).toEqual(['down']);
  });

  test.each([
    ['as JSON', { 'content-type': 'application/json' }],
    ['with no body and no content type', {} as Record<string, string>],
  ])('POST /__mock/reset %s resets', async (_name, headers) => {
    expect((await admin(server, 'POST', '/reset', undefined, headers)).status).toBe(200);
    expect(await names(server)).toEqual([]);
  });
});

describe('the rule cap in scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vjm-limits-'));

  test(`a file of ${MAX_RULES + 1} rules stops startup with one line`, async () => {
    const path = join(dir, 'many.json');
    writeFileSync(path, JSON.stringify({ rules: Array.from({ length: MAX_RULES + 1 }, (_, i) => azureRule(i)) }));
    const error = await startTestServer({ faultsPath: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`${path}: 1001 rules: at most 1000 may be in force`);
  });

  test(`a file of ${MAX_RULES} rules for another provider serves openai normally`, async () => {
    const path = join(dir, 'azure.json');
    writeFileSync(path, JSON.stringify(Array.from({ length: MAX_RULES }, (_, i) => azureRule(i))));
    const server = await startTestServer({ faultsPath: path });
    try {
      expect((await getJson(`${server.url}${LIST}`)).status).toBe(200);
      expect((await getJson(`${server.url}/v1/videos?provider=azure`)).status).toBe(500);
    } finally {
      await server.close();
    }
  });
});
