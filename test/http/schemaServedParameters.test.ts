import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

/** A spec copy whose new operation takes array query parameters and a required header. */
const specPath = writeSpecVariant('array-and-header-parameters', (doc) => {
  doc.paths['/v1/reports'] = {
    get: {
      operationId: 'listReports',
      parameters: [
        { name: 'tag', in: 'query', schema: { type: 'array', maxItems: 3, items: { type: 'integer', minimum: 1 } } },
        { name: 'fields', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string', enum: ['id', 'name'] } } },
        { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', enum: ['acme', 'globex'] } },
        { name: 'X-Trace', in: 'header', schema: { type: 'integer' } },
      ],
      responses: {
        '200': {
          description: 'reports',
          content: { 'application/json': { schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer', minimum: 0 } } } } },
        },
        '400': { $ref: '#/components/responses/BifrostError' },
      },
    },
  } as never;
});
const judge = judgeWith(specPath);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath });
});
afterAll(() => server.close());

async function reports(query: string, headers: Record<string, string> = { 'X-Tenant': 'acme' }) {
  const response = await fetch(`${server.url}/v1/reports${query}`, { headers: { ...AUTH, ...headers } });
  const body = (await response.json()) as { error?: { message: string; param?: string } };
  expect(judge('get', '/v1/reports', response.status, body)).toEqual([]);
  return { status: response.status, body };
}

describe('parameters of a schema-served operation, as OpenAPI serializes them', () => {
  test.each([
    ['?tag=1'],
    ['?tag=1&tag=2&tag=3'],
    ['?fields=id,name'],
    ['?tag=4&fields=id'],
    [''],
  ])('%s with the required header answers 200', async (query) => {
    expect((await reports(query)).status).toBe(200);
  });

  test.each([
    ['?tag=0', 'tag', /invalid tag parameter: .*>= 1/],
    ['?tag=x', 'tag', /invalid tag parameter: every item must be an integer/],
    ['?tag=1&tag=2&tag=3&tag=4', 'tag', /invalid tag parameter: must NOT have more than 3 items/],
    ['?fields=id,age', 'fields', /invalid fields parameter: .*one of id, name/],
    ['?fields=id&fields=name', 'fields', /must be given at most once/],
  ])('%s is a 400 naming %s', async (query, param, message) => {
    const { status, body } = await reports(query);
    expect(status).toBe(400);
    expect(body.error?.param).toBe(param);
    expect(body.error?.message).toMatch(message);
  });

  test('a required header left out, or with a value its schema refuses, is a 400 naming it', async () => {
    const missing = await reports('', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ param: 'X-Tenant', message: 'X-Tenant header parameter is required' });
    const wrong = await reports('', { 'X-Tenant': 'initech' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ param: 'X-Tenant' });
    expect(wrong.body.error?.message).toMatch(/one of acme, globex/);
    const typed = await reports('', { 'X-Tenant': 'globex', 'X-Trace': 'abc' });
    expect(typed.status).toBe(400);
    expect(typed.body.error).toMatchObject({ param: 'X-Trace', message: 'invalid X-Trace parameter: must be an integer' });
    expect((await reports('', { 'X-Tenant': 'globex', 'X-Trace': '42' })).status).toBe(200);
  });
});
