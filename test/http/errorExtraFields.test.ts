import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A copy of the spec whose BifrostError has one more required field at the top and one inside
 * `error`, with a schema-served operation (and one whose example breaks its schema).
 */
const specPath = writeSpecVariant('error-extras', (doc) => {
  const bifrost = doc.components.schemas['BifrostError']!;
  bifrost.properties['request_id'] = { type: 'string', format: 'uuid' };
  bifrost.required = [...(bifrost.required ?? []), 'request_id'];
  const inner = bifrost.properties['error'] as { properties: Record<string, unknown>; required: string[] };
  inner.properties['doc_url'] = { type: 'string', format: 'uri' };
  inner.required = [...inner.required, 'doc_url'];
  const error = { $ref: '#/components/responses/BifrostError' };
  const gadget = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
  doc.paths['/v1/gadgets/{gadget_id}'] = {
    get: {
      operationId: 'getGadget',
      parameters: [{ name: 'gadget_id', in: 'path', required: true, schema: { type: 'string', pattern: '^g[0-9]+$' } }],
      responses: { '200': { description: 'a gadget', content: { 'application/json': { schema: gadget } } }, '400': error, default: error },
    },
  };
  doc.paths['/v1/broken'] = {
    get: {
      operationId: 'getBroken',
      responses: {
        '200': { description: 'breaks its schema', content: { 'application/json': { schema: gadget, example: { id: 5 } } } },
        default: error,
      },
    },
  };
});
const judge = judgeWith(specPath);

interface ErrorBody {
  request_id?: string;
  status_code?: number;
  error: { type?: string; message: string; doc_url?: string };
}

async function call(server: TestServer, path: string, init: RequestInit = { headers: AUTH }) {
  const response = await fetch(`${server.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ specPath, seed: 4 }), startTestServer({ specPath, seed: 4 })]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('fields the spec adds to its error schema', () => {
  test.each([
    ['no key', '/v1/videos?provider=openai', {}, 401, 'get', '/v1/videos'],
    ['limit=0', '/v1/videos?provider=openai&limit=0', AUTH, 400, 'get', '/v1/videos'],
    ['a rate_limited fault', '/v1/videos?provider=openai', { ...AUTH, 'X-Mock-Fault': 'rate_limited' }, 429, 'get', '/v1/videos'],
    ['an unknown video id', '/v1/videos/video_abc:openai', AUTH, 404, 'get', '/v1/videos/{video_id}'],
    ['a bad path parameter of a schema-served operation', '/v1/gadgets/nope', AUTH, 400, 'get', '/v1/gadgets/{gadget_id}'],
    ['no key on a schema-served operation', '/v1/gadgets/g1', {}, 401, 'get', '/v1/gadgets/{gadget_id}'],
  ])('%s answers its error with them, valid against the spec', async (_name, path, headers, status, method, operation) => {
    const { status: got, body } = await call(a, path, { headers });
    expect(got).toBe(status);
    expect(body.status_code).toBe(status);
    expect(body.request_id).toMatch(UUID);
    expect(new URL(body.error.doc_url!).protocol).toMatch(/^https?:$/);
    expect(judge(method, operation, status, body)).toEqual([]);
    expect(a.logs).toEqual([]);
  });

  test('errors outside any operation (unknown route, wrong method) get them too', async () => {
    const missing = await call(a, '/v1/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.request_id).toMatch(UUID);
    const wrongMethod = await call(a, '/v1/gadgets/g1', { method: 'PUT', headers: AUTH });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.doc_url).toEqual(expect.any(String));
    expect(a.logs).toEqual([]);
  });

  test('a mock_contract_violation is completed too, so the spec accepts it', async () => {
    const { status, body } = await call(a, '/v1/broken');
    expect(status).toBe(500);
    expect(body.error.type).toBe('mock_contract_violation');
    expect(body.request_id).toMatch(UUID);
    expect(judge('get', '/v1/broken', 500, body)).toEqual([]);
    expect(a.logs.filter((line) => line.includes('also rejects'))).toEqual([]);
  });

  test('two servers with the same seed send the same values', async () => {
    const [mine, theirs] = await Promise.all([a, b].map((server) => call(server, '/v1/videos?provider=openai&limit=0')));
    expect(mine!.body.request_id).toMatch(UUID);
    expect(theirs!.body.request_id).toBe(mine!.body.request_id);
    expect(theirs!.body.error.doc_url).toBe(mine!.body.error.doc_url);
  });
});
