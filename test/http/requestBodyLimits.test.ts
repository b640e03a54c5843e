import { request } from 'node:http';
import { BODY_LIMITS } from '../../src/core/pipeline/bodyLimits.js';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { writeSpecVariant } from '../support/specVariant.js';

/** A spec copy with a schema-served POST taking every kind of body, files one by one and in an array. */
const specPath = writeSpecVariant('request-body-limits', (doc) => {
  const form = { type: 'object', properties: { name: { type: 'string' } } };
  doc.paths['/v1/things'] = {
    post: {
      operationId: 'createThing',
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: form },
          'application/x-www-form-urlencoded': { schema: form },
          'text/plain': { schema: { type: 'string' } },
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                image: { type: 'string', format: 'binary' },
                photos: { type: 'array', items: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
      },
      responses: { '201': { description: 'created', content: { 'application/json': { schema: { type: 'object' }, example: { ok: true } } } } },
    },
  };
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath });
});
afterAll(() => server.close());

/** The two paths a body may take: a lifecycle route (create) and a schema-served operation. */
const routes = [
  ['create (domain-served)', '/v1/videos'],
  ['createThing (schema-served)', '/v1/things'],
] as const;

async function post(path: string, body: string | FormData, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { ...AUTH, ...headers }, body });
  const json = (await response.json()) as BifrostError & Record<string, unknown>;
  return { status: response.status, body: json };
}

const json = { 'content-type': 'application/json' };
const image = (bytes = 64) => new Blob([new Uint8Array(bytes)], { type: 'image/png' });
const { bodyBytes, fieldBytes, fields, files, fileBytes } = BODY_LIMITS;

describe('one body reader, with one set of caps, for every operation', () => {
  test.each(routes)('%s: a JSON body just under the cap is read; one byte over it is a 413 naming the cap', async (_name, path) => {
    const padded = (size: number) => {
      const shell = JSON.stringify({ prompt: '', model: 'openai/sora-2', name: 'x', pad: '' });
      return JSON.stringify({ prompt: '', model: 'openai/sora-2', name: 'x', pad: 'p'.repeat(size - shell.length) });
    };
    expect(Buffer.byteLength(padded(bodyBytes))).toBe(bodyBytes);
    // Read, then judged: create refuses the empty prompt (400), createThing takes it (201).
    expect([400, 201]).toContain((await post(path, padded(bodyBytes), json)).status);
    const over = await post(path, padded(bodyBytes + 1), json);
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ param: 'body', message: `request body too large: over ${bodyBytes} bytes (256 KB)` });
  });

  test.each(routes)('%s: a chunked body (no Content-Length) over the cap is a 413, and the server keeps answering', async (_name, path) => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { ...AUTH, ...json }, body: chunks, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    await response.text();
    expect((await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH })).status).toBe(200);
  });

  test('a Content-Length over the cap is refused before the body is sent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request(`${server.url}/v1/things`, { method: 'POST', headers: { ...AUTH, ...json, 'content-length': String(50 * 1024 * 1024) } }, (res) => {
        res.resume();
        sent.destroy(); // the 50 MB were never written
        resolve(res.statusCode ?? 0);
      });
      sent.on('error', (error) => (sent.destroyed ? undefined : reject(error)));
      sent.write('{"name": "');
    });
    expect(status).toBe(413);
  });

  test.each(routes)(`%s: a multipart text field over ${fieldBytes} bytes is a 413 naming the field`, async (_name, path) => {
    const data = new FormData();
    data.set('prompt', 'x');
    data.set('model', 'openai/sora-2');
    data.set('name', 'n'.repeat(fieldBytes + 1));
    const { status, body } = await post(path, data);
    expect(status).toBe(413);
    expect(body.error.message).toBe(`request body too large: field name is over ${fieldBytes} bytes (128 KB)`);
  });

  test.each(routes)(`%s: more than ${fields} multipart fields is a 413`, async (_name, path) => {
    const data = new FormData();
    for (let i = 0; i <= fields; i++) data.set(`f${i}`, 'x');
    const { status, body } = await post(path, data);
    expect(status).toBe(413);
    expect(body.error.message).toContain(`limits: ${fields} fields`);
  });

  test.each(routes)('%s: a file in a field the schema does not make a file is a 400 naming the field', async (_name, path) => {
    const data = new FormData();
    data.set('prompt', 'x');
    data.set('name', image(), 'a.png');
    const { status, body } = await post(path, data);
    expect(status).toBe(400);
    expect(body.error.param).toBe('name');
  });

  test('create: a prompt given twice in a form is a 400 saying so, not a guess at which one was meant', async () => {
    const data = new FormData();
    data.append('prompt', 'a cat');
    data.append('prompt', 'a dog');
    data.set('model', 'openai/sora-2');
    const { status, body } = await post('/v1/videos', data);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ param: 'prompt', message: 'invalid prompt: must be given at most once' });
  });

  test('text where the schema wants a file upload is a 400 naming the field', async () => {
    const thing = new FormData();
    thing.set('image', 'hello');
    const refused = await post('/v1/things', thing);
    expect(refused.status).toBe(400);
    expect(refused.body.error.param).toBe('image');
    expect(refused.body.error.message).toMatch(/must be a file upload, not a text field/);
    const video = new FormData();
    video.set('prompt', 'x');
    video.set('model', 'openai/sora-2');
    video.set('input_reference', 'https://example.com/cat.png');
    const create = await post('/v1/videos', video);
    expect(create.status).toBe(400);
    expect(create.body.error).toMatchObject({ param: 'input_reference' });
  });

  test('a repeated field is refused in a url-encoded form too', async () => {
    const { status, body } = await post('/v1/things', 'name=a&name=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(status).toBe(400);
    expect(body.error.param).toBe('name');
    expect(body.error.message).toMatch(/must be given at most once/);
  });

  test("create's input_reference takes one image: a second one is a 400 naming it", async () => {
    const data = new FormData();
    data.set('prompt', 'x');
    data.set('model', 'openai/sora-2');
    data.append('input_reference', image(), 'a.png');
    data.append('input_reference', image(), 'b.png');
    const { status, body } = await post('/v1/videos', data);
    expect(status).toBe(400);
    expect(body.error.param).toBe('input_reference');
  });

  test(`a schema-served array of files takes up to ${files}; one more is a 413`, async () => {
    const photos = (n: number) => {
      const data = new FormData();
      for (let i = 0; i < n; i++) data.append('photos', image(), `p${i}.png`);
      return data;
    };
    expect((await post('/v1/things', photos(files))).status).toBe(201);
    const over = await post('/v1/things', photos(files + 1));
    expect(over.status).toBe(413);
  });

  test.each(routes)(`%s: a file over ${fileBytes} bytes is a 413 naming its field`, async (_name, path) => {
    const data = new FormData();
    data.set('prompt', 'x');
    data.set('model', 'openai/sora-2');
    data.set(path === '/v1/videos' ? 'input_reference' : 'image', image(fileBytes + 1), 'big.png');
    const { status, body } = await post(path, data);
    expect(status).toBe(413);
    expect(body.error.message).toMatch(new RegExp(`^request body too large: a file \\((input_reference|image)\\) is over ${fileBytes} bytes`));
  });

  test.each([
    ['a url-encoded form', 'application/x-www-form-urlencoded', `name=${'n'.repeat(bodyBytes)}`],
    ['a text body', 'text/plain', 't'.repeat(bodyBytes + 1)],
  ])('%s over the cap is a 413 too (the same cap as JSON)', async (_name, type, text) => {
    expect((await post('/v1/things', text, { 'content-type': type })).status).toBe(413);
    expect((await post('/v1/things', text.slice(0, 1000), { 'content-type': type })).status).toBe(201);
  });

  test('no refusal was a crash: nothing unexpected was logged, and the server still answers', async () => {
    expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
    expect((await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH })).status).toBe(200);
  });
});
