import fc from 'fast-check';
import { isPresetName } from '../../src/core/faults/presets.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';
import { errorSchemaProblems, schemaProblems } from '../support/specJudge.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const names = fc.oneof(fc.constantFrom('provider', 'after', 'limit', 'order'), fc.string({ maxLength: 12 }));
const values = fc.oneof(
  fc.constantFrom('openai', 'azure', 'gemini', 'asc', 'desc', '20', '0', '-1', '1e3', '100', '101', ''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '\u0000', 'video_' + 'f'.repeat(48), 'video_x:openai', '💥'),
);
/** Raw query text: pairs encoded, and now and then left raw so malformed escapes get through. */
const query = fc
  .array(fc.tuple(names, values, fc.boolean()), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&'));
const latin1 = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, ''));
const headers = fc.record(
  {
    authorization: fc.oneof(fc.constant('Bearer sk-bf-fuzz'), latin1.map((s) => `Bearer ${s}`), latin1),
    'x-bf-vk': latin1,
    'x-mock-fault': latin1,
    prefer: fc.oneof(latin1, fc.integer({ min: 100, max: 999 }).map((n) => `code=${n}`)),
    origin: fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'),
  },
  { requiredKeys: [] },
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
const path = fc.oneof(fc.constant('/v1/videos'), fc.constant('/v1/videos/'), fc.constant('/V1/VIDEOS'), fc.webPath(), fc.constant('/__mock/health'));

describe('fuzzing over real HTTP', () => {
  test('any query, header and method: never a 5xx, never a crash, always a spec-valid body', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, headers, async (verb, where, search, sent) => {
        // A fault the request asks for on purpose may be a 5xx or a dropped connection.
        const asksForFault = isPresetName(sent['x-mock-fault']?.trim() ?? '') || /code=5\d\d/.test(sent.prefer ?? '');
        fc.pre(!asksForFault);
        const url = `${server.url}${where}${search ? `?${search}` : ''}`;
        const response = await fetch(url, { method: verb, headers: sent });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        if (verb === 'HEAD' || response.status === 204) return;
        const body: unknown = JSON.parse(text);
        expect(text).not.toMatch(/\n\s+at |node_modules|\/src\//);
        const onOperation = new URL(response.url).pathname === '/v1/videos' && verb === 'GET';
        const problems = onOperation ? schemaProblems(response.status, body) : errorSchemaProblems(body);
        if (response.status < 300 && !onOperation) return; // admin health: not a gateway body
        expect(problems).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
    expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200);
  });

  test('an oversized URL gets a clear 414 BifrostError', async () => {
    const outcome = await rawGet(`${server.url}/v1/videos?provider=openai&after=${'x'.repeat(10_000)}`, { authorization: 'Bearer sk-bf-x' });
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(outcome.status).toBe(414);
    expect(errorSchemaProblems(JSON.parse(outcome.body))).toEqual([]);
  });

  test.each([
    ['a URL past 16 KB', `/v1/videos?provider=openai&after=${'x'.repeat(20_000)}`, {}],
    ['a header past 16 KB', '/v1/videos?provider=openai', { 'x-padding': 'y'.repeat(20_000) }],
  ])('%s gets a 431 at once, not a hang', async (_name, where, extra) => {
    const outcome = await rawGet(`${server.url}${where}`, { authorization: 'Bearer sk-bf-x', ...extra }, 3000);
    expect(outcome).toMatchObject({ kind: 'response', status: 431 });
  });
});
