import { readFileSync } from 'node:fs';
import { MAX_SHOWN_DEPTH } from '../../src/core/journal/describeJournalEntry.js';
import { MAX_ORIGIN_LENGTH } from '../../src/core/journal/requestSource.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import type { JournalEntry } from '../../src/shared/journalEntry.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { adminCall as admin } from '../support/adminApi.js';

const LIST = '/v1/videos?provider=openai&limit=1';
const APP_KEY = 'sk-bf-app-key-0001a2b';
const OTHER_KEY = 'sk-bf-other-key-9999';
const fromConsole = { Authorization: 'Bearer sk-bf-console', 'X-Mock-Source': 'console' };
const fromApp = { Authorization: `Bearer ${APP_KEY}` };
const fromBrowser = { Authorization: `Bearer ${OTHER_KEY}`, Origin: 'http://localhost:5173' };


const journal = async (server: TestServer, query = '') => (await admin<{ requests: JournalEntry[] }>(server, 'GET', `/requests${query}`)).body.requests;

describe("the console's own traffic", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 10 });
  });
  afterAll(() => server.close());
  afterEach(() => admin(server, 'POST', '/reset'));

  test('never uses up a rule meant for the app: provider_unavailable for the next 3 requests still has 3 after the console browses', async () => {
    await admin(server, 'POST', '/faults', { name: 'outage', times: 3, respond: { preset: 'provider_unavailable' } });
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}${LIST}`, { headers: fromConsole })).status).toBe(200);
    const { body } = await admin<{ rules: { matched: number; applied: number; spent: boolean }[] }>(server, 'GET', '/faults');
    expect(body.rules[0]).toMatchObject({ matched: 0, applied: 0, spent: false });
    const app = [];
    for (let i = 0; i < 4; i++) app.push((await fetch(`${server.url}${LIST}`, { headers: fromApp })).status);
    expect(app).toEqual([503, 503, 503, 200]);
  });

  test('is matched by a rule that asks for it (match.source: console), and only by such a rule', async () => {
    await admin(server, 'PUT', '/faults', [{ name: 'console only', match: { source: 'console' }, respond: { preset: 'rate_limited' } }]);
    expect((await fetch(`${server.url}${LIST}`, { headers: fromConsole })).status).toBe(429);
    expect((await fetch(`${server.url}${LIST}`, { headers: fromApp })).status).toBe(200);
    await admin(server, 'PUT', '/faults', [{ name: 'everyone', match: { source: 'any' }, respond: { preset: 'rate_limited' } }]);
    expect((await fetch(`${server.url}${LIST}`, { headers: fromConsole })).status).toBe(429);
    expect((await fetch(`${server.url}${LIST}`, { headers: fromApp })).status).toBe(429);
  });

  test('X-Mock-Fault still works for anyone: the header is a request of its own, not a rule', async () => {
    expect((await fetch(`${server.url}${LIST}`, { headers: { ...fromConsole, 'X-Mock-Fault': 'bad_gateway' } })).status).toBe(502);
  });
});

describe('the journal records who sent each request, and filters by it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ jobs: 10 });
    await fetch(`${server.url}${LIST}&who=console`, { headers: fromConsole });
    await fetch(`${server.url}${LIST}&who=app`, { headers: fromApp });
    await fetch(`${server.url}${LIST}&who=browser`, { headers: fromBrowser });
    await fetch(`${server.url}${LIST}&who=nobody`);
  });
  afterAll(() => server.close());

  test('each entry has its source: the console, or the key masked and a browser app\'s Origin', async () => {
    const bySender = Object.fromEntries((await journal(server)).map((e) => [new URL(e.url, 'http://x').searchParams.get('who'), e.source]));
    expect(bySender).toEqual({
      console: { kind: 'console' },
      app: { kind: 'app', key: 'sk-bf-…1a2b' },
      browser: { kind: 'app', key: 'sk-bf-…9999', origin: 'http://localhost:5173' },
      nobody: { kind: 'app' },
    });
    expect(JSON.stringify(await journal(server))).not.toContain(APP_KEY);
  });

  test.each([
    ['?source=console', ['console']],
    ['?source=app', ['app', 'browser', 'nobody']],
    [`?key=${encodeURIComponent('sk-bf-…1a2b')}`, ['app']],
    [`?key=${OTHER_KEY}`, ['browser']],
    [`?origin=${encodeURIComponent('http://localhost:5173')}`, ['browser']],
  ])('GET /__mock/requests%s', async (query, senders) => {
    expect((await journal(server, query)).map((e) => new URL(e.url, 'http://x').searchParams.get('who'))).toEqual(senders);
  });

  test.each([
    ['?source=browser', /source: "browser" is neither console nor app/],
    ['?sourse=console', /sourse: unknown parameter/],
    ['?key=', /key: empty/],
  ])('GET /__mock/requests%s is a 400 naming the parameter', async (query, message) => {
    const { status, body } = await admin<BifrostError>(server, 'GET', `/requests${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });
});

test("the README's Limits rows for the journal's sources and details state the code's caps", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Limits');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const row = (what: string) => section.split('\n').find((line) => line.startsWith(`| ${what} |`)) ?? `(no row "${what}")`;
  expect(row("a browser app's `Origin` kept per journal entry")).toContain(`| ${MAX_ORIGIN_LENGTH} characters |`);
  expect(row("JSON nesting shown in a request's detail (`GET /__mock/requests/{id}`)")).toContain(`| ${MAX_SHOWN_DEPTH} levels |`);
  expect(row("JSON nesting shown in a request's detail (`GET /__mock/requests/{id}`)")).toContain(`nested deeper than ${MAX_SHOWN_DEPTH} levels`);
});
