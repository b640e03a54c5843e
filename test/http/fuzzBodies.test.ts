import fc from 'fast-check';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { pngOfSize } from '../support/pngOfSize.js';
import { errorSchemaProblems, schemaProblems } from '../support/specJudge.js';
import { writeSpecVariant } from '../support/specVariant.js';

/**
 * Bodies an attacker or a careless form library sends: odd multipart field names and part
 * headers, and JSON with prototype keys, duplicates and deep nesting, over real HTTP to create,
 * remix, a schema-served operation and the admin API's JSON routes. Every answer must be a
 * spec-valid 2xx or 4xx (never a 500, never a dropped connection), and the server must still
 * answer afterwards.
 */
const specPath = writeSpecVariant('fuzz-bodies', (doc) => {
  const schema = { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' } } };
  doc.paths['/v1/things'] = {
    post: {
      operationId: 'createThing',
      requestBody: {
        required: true,
        content: {
          'application/json': { schema },
          'multipart/form-data': { schema: { type: 'object', properties: { name: { type: 'string' }, image: { type: 'string', format: 'binary' } } } },
        },
      },
      responses: { '201': { description: 'created', content: { 'application/json': { schema: { type: 'object' }, example: { ok: true } } } } },
    },
  };
});

let server: TestServer;
let remixPath: string;
beforeAll(async () => {
  server = await startTestServer({ specPath });
  const page = (await (await fetch(`${server.url}/v1/videos?provider=openai&limit=100`, { headers: AUTH })).json()) as { data: { id: string; status: string }[] };
  remixPath = `/v1/videos/${page.data.find((job) => job.status === 'completed')!.id}/remix`;
});
afterAll(() => server.close());

const LIST = '/v1/videos?provider=openai&limit=1';
const BRACKETED = ['x[y]', 'prompt[x]', '__proto__[x]', 'constructor[prototype][x]', 'metadata[key]'];

/** Posts a body and checks the answer against the spec: a 2xx for the operation, or a BifrostError 4xx. */
async function postChecked(path: string, body: Buffer | string, contentType: string, operation: { path: string; method: string } | undefined): Promise<number> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { ...AUTH, 'content-type': contentType }, body });
  const text = await response.text();
  const where = `${response.status} from POST ${path}: ${text.slice(0, 300)}`;
  expect([where, response.status < 500]).toEqual([where, true]);
  expect(text).not.toMatch(/\n\s+at |node_modules|\/src\//);
  const json: unknown = JSON.parse(text);
  if (response.status >= 400) expect([where, errorSchemaProblems(json)]).toEqual([where, []]);
  else if (operation) expect([where, schemaProblems(response.status, json, operation.path, operation.method)]).toEqual([where, []]);
  return response.status;
}

const operations = () => [
  { path: '/v1/videos', spec: { path: '/v1/videos', method: 'post' } },
  { path: remixPath, spec: { path: '/v1/videos/{video_id}/remix', method: 'post' } },
  { path: '/v1/things', spec: undefined }, // schema-served: its answer is the spec's example
];

describe('bracketed multipart field names (issue 17: they killed the server)', () => {
  test.each(BRACKETED.flatMap((name) => [['create', name], ['remix', name]]))('%s with only %s is a 400 naming the missing prompt, and the server serves on', async (route, name) => {
    const form = new FormData();
    form.set(name, '1');
    const response = await fetch(`${server.url}${route === 'create' ? '/v1/videos' : remixPath}`, { method: 'POST', headers: AUTH, body: form });
    const body = (await response.json()) as { error: { param?: string; message: string } };
    expect(response.status).toBe(400);
    expect(errorSchemaProblems(body)).toEqual([]);
    expect(body.error.param).toBe('prompt');
    expect((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(200);
  });

  test('without a key (the crash needed none), x[y] is the 401 the gateway gives, and the server serves on', async () => {
    const form = new FormData();
    form.set('x[y]', '1');
    const response = await fetch(`${server.url}/v1/videos`, { method: 'POST', body: form });
    expect(response.status).toBe(401);
    expect(errorSchemaProblems(await response.json())).toEqual([]);
    expect((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(200);
  });

  test.each(BRACKETED.flatMap((name) => [['create', name], ['remix', name]]))('%s with %s beside valid fields takes it as a field of that name, as the gateway does', async (route, name) => {
    const form = new FormData();
    form.set(name, '1');
    form.set('prompt', 'A paper boat');
    if (route === 'create') form.set('model', 'openai/sora-2');
    const response = await fetch(`${server.url}${route === 'create' ? '/v1/videos' : remixPath}`, { method: 'POST', headers: AUTH, body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'queued', prompt: 'A paper boat' });
  });
});

// ---- multipart ------------------------------------------------------------------------------

const fieldName = fc.oneof(
  fc.constantFrom('prompt', 'model', 'size', 'seconds', 'input_reference', 'name', 'image', '', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ...BRACKETED, 'a"b', 'a\\"b', 'ü', 'a;b', 'a=b', '[]', '[', ']'),
  fc.string({ maxLength: 24 }),
);
// Mostly well-formed, so that most bodies get past the parser to the checks behind it.
const disposition = fc.oneof(
  { weight: 8, arbitrary: fieldName.map((name) => `form-data; name="${name}"`) },
  { weight: 3, arbitrary: fc.tuple(fieldName, fc.string({ maxLength: 16 })).map(([name, file]) => `form-data; name="${name}"; filename="${file}"`) },
  fieldName.map((name) => `form-data; name=${name}`),
  fieldName.map((name) => `form-data; name="${name}"; filename*=UTF-8''%E2%82%AC%20rates.png`),
  fieldName.map((name) => `form-data; name="${name}"; filename*=bogus'%ZZ`),
  fc.constant('form-data; filename="orphan.png"'), // no name
  fc.constant('form-data'),
  fc.constant('form-data; name='),
  fieldName.map((name) => `attachment; name="${name}"`),
  fieldName.map((name) => `FORM-DATA; NAME="${name}"`),
  fc.tuple(fieldName, fieldName).map(([a, b]) => `form-data; name="${a}"; name="${b}"`),
);
/** `undefined` `weight` times in 10, else a value of `arbitrary`. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number) => fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 10 - weight, arbitrary });
const partType = sometimes(
  fc.oneof(
    fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'text/plain; charset=utf-16', 'text/plain; charset=bogus', 'application/json', 'multipart/mixed; boundary=zz', '', ';;;', 'image/png; name="\u00ff"'),
    fc.string({ maxLength: 40 }),
  ),
  6,
);
const partValue = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.constantFrom('A paper boat', 'openai/sora-2', '720x1280', '4', '8', '{"a":1}'),
  fc.constant(pngOfSize(720, 1280).toString('latin1')),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const part = fc.record({
  disposition: sometimes(disposition, 1),
  type: partType,
  // A header near Node's own 16 KB limit, inside the body where Node does not look.
  padding: sometimes(fc.integer({ min: 1, max: 20_000 }), 9),
  value: partValue,
});
const multipart = fc.record({
  // Often after a well-formed prompt and model, so the odd parts reach the checks past parsing.
  valid: fc.constantFrom(true, true, false),
  parts: fc.array(part, { minLength: 0, maxLength: 4 }),
  closed: fc.constantFrom(true, true, true, false),
  boundary: fc.constantFrom('fuzz', 'fuzz', 'x'.repeat(70), '"quoted"'),
});

type MultipartForm = typeof multipart extends fc.Arbitrary<infer T> ? T : never;

function multipartBody({ valid, parts, closed, boundary }: MultipartForm): { body: Buffer; contentType: string } {
  const mark = boundary.replace(/"/g, '');
  const pieces: Buffer[] = [];
  if (valid) {
    for (const [name, value] of [['prompt', 'A paper boat'], ['model', 'openai/sora-2'], ['name', 'thing']]) {
      pieces.push(Buffer.from(`--${mark}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
  }
  for (const { disposition: cd, type, padding, value } of parts) {
    const headers = [cd === undefined ? undefined : `Content-Disposition: ${cd}`, type === undefined ? undefined : `Content-Type: ${type}`, padding ? `X-Pad: ${'p'.repeat(padding)}` : undefined].filter(Boolean);
    pieces.push(Buffer.from(`--${mark}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'), Buffer.from(value, 'latin1'), Buffer.from('\r\n'));
  }
  if (closed) pieces.push(Buffer.from(`--${mark}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---- JSON -----------------------------------------------------------------------------------

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'prompt', 'model', 'size', 'seconds', 'name', 'count', 'input_reference', 'image_url', ''), fc.string({ maxLength: 12 }));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, fc.constantFrom('null', 'true', '1', '-0', '1e999', '"x"', '"A paper boat"', '"openai/sora-2"'), tie('object'), tie('array')),
  // Written out by hand, so a key may repeat (JSON.stringify never repeats one).
  object: fc.array(fc.tuple(key, tie('json')), { maxLength: 5 }).map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v as string}`).join(',')}}`),
  array: fc.array(tie('json'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
}));
const deep = fc.tuple(fc.integer({ min: 100, max: 40_000 }), fc.constantFrom('{"a":', '[', '{"__proto__":'), key).map(([depth, open, inner]) => {
  const close = open === '[' ? ']' : '}';
  return `{"prompt":"deep","model":"openai/sora-2",${JSON.stringify(inner)}:${open.repeat(depth)}1${close.repeat(depth)}}`;
});
const duplicates = fc.tuple(key, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([k, a, b]) => `{"prompt":"x","model":"openai/sora-2",${JSON.stringify(k)}:${JSON.stringify(a)},${JSON.stringify(k)}:${JSON.stringify(b)}}`);
const jsonBody = fc.oneof(json as fc.Arbitrary<string>, deep, duplicates);

/** Admin routes whose JSON bodies are fuzzed: none of the keys above makes a valid rule or clock move. */
const ADMIN_ROUTES = [
  ['POST', '/__mock/faults'],
  ['PUT', '/__mock/faults'],
  ['POST', '/__mock/clock'],
] as const;

describe('fuzzing request bodies over real HTTP', () => {
  test('multipart bodies with any field names and part headers: a spec-valid 2xx or 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(multipart, fc.integer({ min: 0, max: 2 }), async (form, target) => {
        const { path, spec } = operations()[target]!;
        const { body, contentType } = multipartBody(form);
        await postChecked(path, body, contentType, spec);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(200);
  });

  test('JSON bodies with prototype keys, repeated keys and deep nesting: a spec-valid 2xx or 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, fc.integer({ min: 0, max: 2 }), async (text, target) => {
        const { path, spec } = operations()[target]!;
        await postChecked(path, text, 'application/json', spec);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${server.url}${LIST}`, { headers: AUTH })).status).toBe(200);
  });

  test("the admin API's JSON routes: a 2xx or a BifrostError 4xx, never a 500, and the rules and clock stay as they were", async () => {
    const before = await (await fetch(`${server.url}/__mock/clock`)).json();
    await fc.assert(
      fc.asyncProperty(jsonBody, fc.constantFrom(...ADMIN_ROUTES), async (text, [method, path]) => {
        const response = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: text });
        const answer = await response.text();
        const where = `${response.status} from ${method} ${path}: ${answer.slice(0, 300)}`;
        expect([where, response.status < 500]).toEqual([where, true]);
        if (response.status >= 400) expect([where, errorSchemaProblems(JSON.parse(answer))]).toEqual([where, []]);
      }),
      { numRuns: 300 },
    );
    expect(((await (await fetch(`${server.url}/__mock/faults`)).json()) as { rules: unknown[] }).rules).toEqual([]);
    expect(await (await fetch(`${server.url}/__mock/clock`)).json()).toEqual(before);
    expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200);
  });

  test('nothing the fuzzing sent was a bug of ours: no unexpected error or contract violation was logged', () => {
    expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
  });
});
