import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

const error = { $ref: '#/components/responses/BifrostError' };
const thing = {
  type: 'object',
  required: ['id', 'object', 'name', 'created', 'price', 'tags'],
  properties: {
    id: { type: 'string', pattern: '^thing_[0-9]{4}$' },
    object: { const: 'thing' },
    name: { type: 'string', 'x-faker': 'person.fullName' },
    created: { type: 'string', format: 'date-time' },
    price: { type: 'number', minimum: 0, maximum: 100 },
    tags: { type: 'array', maxItems: 3, items: { type: 'string', enum: ['red', 'green', 'blue'] } },
    owner: { type: ['object', 'null'], required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
  },
};

/** A copy of the spec with operations no domain handler knows: a GET, a POST (JSON or multipart), a DELETE. */
const specPath = writeSpecVariant('new-operations', (doc) => {
  doc.components.schemas['Thing'] = thing as never;
  doc.paths['/v1/things/{thing_id}'] = {
    parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string', pattern: '^thing_[0-9]+$' } }],
    get: {
      operationId: 'getThing',
      parameters: [{ name: 'expand', in: 'query', schema: { type: 'boolean' } }],
      responses: {
        '200': { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        '404': error,
      },
    },
    delete: { operationId: 'deleteThing', security: [], responses: { '204': { description: 'gone' } } },
    patch: {
      operationId: 'patchThing',
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', properties: { price: { type: 'number', maximum: 100 }, sale: { type: 'boolean' } } },
          },
        },
      },
      responses: { '200': { description: 'patched', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
    },
  };
  doc.paths['/v1/things'] = {
    post: {
      operationId: 'createThing',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['name', 'count'],
              additionalProperties: false,
              properties: {
                name: { type: 'string', minLength: 1 },
                count: { type: 'integer', minimum: 1, maximum: 10 },
                color: { type: 'string', enum: ['red', 'green', 'blue'] },
                finish: { type: 'object', additionalProperties: false, properties: { gloss: { type: 'boolean' } } },
              },
            },
          },
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['name', 'image'],
              properties: {
                name: { type: 'string', minLength: 1 },
                count: { type: 'integer', minimum: 1, maximum: 10 },
                image: { type: 'string', format: 'binary' },
              },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'created',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Thing' },
              example: { id: 'thing_0001', object: 'thing', name: 'Ada', created: '2026-01-15T12:00:00Z', price: 3, tags: [] },
            },
          },
        },
        '400': error,
      },
    },
  };
  doc.paths['/v1/broken'] = {
    get: {
      operationId: 'getBroken',
      responses: {
        '200': {
          description: 'an example that breaks its own schema',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { id: 5 } } },
        },
      },
    },
  };
});
const judge = judgeWith(specPath);

async function call(server: TestServer, method: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, { method, ...init, headers: { ...AUTH, ...(init.headers as object) } });
  const text = await response.text();
  const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  return { status: response.status, headers: response.headers, text, body };
}

const json = (value: unknown): RequestInit => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath, seed: 5 });
});
afterAll(() => server.close());

describe('operations the spec adds are served from their schemas', () => {
  test('startup tells which operations are domain-served and which schema-served', () => {
    expect(server.info.operations.domain).toEqual(['listVideos', 'createVideo', 'retrieveVideo', 'deleteVideo', 'remixVideo', 'downloadVideoContent']);
    expect(server.info.operations.schema.sort()).toEqual(['createThing', 'deleteThing', 'getBroken', 'getThing', 'patchThing']);
  });

  test('a new GET answers a generated body valid against the spec, the same for the same path', async () => {
    const first = await call(server, 'GET', '/v1/things/thing_7?expand=true');
    expect(first.status).toBe(200);
    expect(judge('get', '/v1/things/{thing_id}', 200, first.body)).toEqual([]);
    expect(first.body!['name']).toMatch(/^\S+( \S+)+$/); // x-faker: person.fullName
    expect((await call(server, 'GET', '/v1/things/thing_7')).text).toBe(first.text);
    expect((await call(server, 'GET', '/v1/things/thing_8')).text).not.toBe(first.text);
  });

  test('two servers with the same seed give byte-identical generated bodies', async () => {
    const twin = await startTestServer({ specPath, seed: 5 });
    try {
      const [mine, theirs] = await Promise.all([server, twin].map((s) => call(s, 'GET', '/v1/things/thing_42')));
      expect(theirs!.text).toBe(mine!.text);
    } finally {
      await twin.close();
    }
  });

  test.each([
    ['a path parameter that breaks its pattern', '/v1/things/nope', 'thing_id', /^invalid thing_id parameter: must match pattern/],
    ['a query parameter of the wrong type', '/v1/things/thing_1?expand=maybe', 'expand', /^invalid expand parameter: must be a boolean$/],
  ])('%s is a 400 naming it', async (_name, path, param, message) => {
    const { status, body } = await call(server, 'GET', path);
    expect(status).toBe(400);
    expect((body as unknown as BifrostError).error).toMatchObject({ param, message: expect.stringMatching(message) });
  });

  test('a new POST with a valid JSON body answers its example', async () => {
    const { status, body } = await call(server, 'POST', '/v1/things', json({ name: 'lamp', count: 2, color: 'red' }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'thing_0001', name: 'Ada' });
    expect(judge('post', '/v1/things', 201, body)).toEqual([]);
  });

  test.each([
    ['a missing field', { count: 1 }, 'name', 'name is required'],
    ['a value past its maximum', { name: 'lamp', count: 11 }, 'count', 'invalid count: must be <= 10'],
    ['a value outside its enum', { name: 'lamp', count: 1, color: 'pink' }, 'color', 'invalid color: must be one of red, green, blue'],
    ['a field the schema does not allow', { name: 'lamp', count: 1, size: 3 }, 'size', 'unknown field size'],
    ['a nested field the schema does not allow', { name: 'lamp', count: 1, finish: { matte: true } }, 'finish.matte', 'unknown field finish.matte'],
  ])('a JSON body with %s is a 400 naming the field', async (_name, payload, param, message) => {
    const { status, body } = await call(server, 'POST', '/v1/things', json(payload));
    expect(status).toBe(400);
    expect((body as unknown as BifrostError).error).toMatchObject({ param, message });
    expect(judge('post', '/v1/things', 400, body)).toEqual([]);
  });

  test('no body, a broken one, or one of another media type is refused', async () => {
    expect((await call(server, 'POST', '/v1/things')).body).toMatchObject({ status_code: 400, error: { param: 'body' } });
    const broken = await call(server, 'POST', '/v1/things', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(broken.body).toMatchObject({ status_code: 400, error: { param: 'body', message: expect.stringMatching(/^the request body cannot be read/) } });
    const text = await call(server, 'POST', '/v1/things', { body: 'name=lamp', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { param: 'Content-Type', message: expect.stringContaining('application/json or multipart/form-data') } });
  });

  test('a multipart body with a file is read, typed by the schema and validated', async () => {
    const form = () => {
      const data = new FormData();
      data.set('name', 'poster');
      data.set('image', new Blob([new Uint8Array(64)], { type: 'image/png' }), 'poster.png');
      return data;
    };
    expect((await call(server, 'POST', '/v1/things', { body: form() })).status).toBe(201);
    const counted = form();
    counted.set('count', '3');
    expect((await call(server, 'POST', '/v1/things', { body: counted })).status).toBe(201);
    const badCount = form();
    badCount.set('count', 'three');
    expect((await call(server, 'POST', '/v1/things', { body: badCount })).body).toMatchObject({ error: { param: 'count' } });
    const noFile = new FormData();
    noFile.set('name', 'poster');
    expect((await call(server, 'POST', '/v1/things', { body: noFile })).body).toMatchObject({
      status_code: 400,
      error: { param: 'image', message: 'image is required' },
    });
  });

  test('a url-encoded form is read and typed by the schema; an optional body may be left out', async () => {
    const form = (text: string): RequestInit => ({ body: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await call(server, 'PATCH', '/v1/things/thing_1', form('price=9.5&sale=true'))).status).toBe(200);
    expect((await call(server, 'PATCH', '/v1/things/thing_1', form('price=200'))).body).toMatchObject({
      error: { param: 'price', message: 'invalid price: must be <= 100' },
    });
    expect((await call(server, 'PATCH', '/v1/things/thing_1', form('sale=maybe'))).body).toMatchObject({ error: { param: 'sale' } });
    expect((await call(server, 'PATCH', '/v1/things/thing_1')).status).toBe(200);
  });

  test('an upload over the file size cap is a 413, and the server keeps answering', async () => {
    const data = new FormData();
    data.set('name', 'huge');
    data.set('image', new Blob([new Uint8Array(5 * 1024 * 1024)]), 'huge.png');
    const { status, body } = await call(server, 'POST', '/v1/things', { body: data });
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: { param: 'body', message: expect.stringContaining('4194304 bytes') } });
    expect((await call(server, 'GET', '/v1/things/thing_1')).status).toBe(200);
  });

  test('auth, faults and the method check apply as on every route', async () => {
    const anonymous = await fetch(`${server.url}/v1/things/thing_1`);
    expect(anonymous.status).toBe(401);
    const faulted = await call(server, 'GET', '/v1/things/thing_1', { headers: { 'X-Mock-Fault': 'rate_limited' } });
    expect(faulted.status).toBe(429);
    const wrongMethod = await call(server, 'PUT', '/v1/things');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  test('an operation with security: [] needs no key; a 204 has no body', async () => {
    const response = await fetch(`${server.url}/v1/things/thing_1`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  test('a body that breaks the spec is never sent, even one from its own example', async () => {
    const { status, body } = await call(server, 'GET', '/v1/broken');
    expect(status).toBe(500);
    expect(body).toMatchObject({ error: { type: 'mock_contract_violation' } });
    expect(server.logs.some((line) => line.includes('contract violation in 200 response to GET /v1/broken'))).toBe(true);
  });
});
