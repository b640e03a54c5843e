import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BifrostError } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { judgeWith, writeSpecVariant } from '../support/specVariant.js';

const bifrostError = { $ref: '#/components/responses/BifrostError' };
const thing = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^thing_[0-9]+$' } } };
/** A 422 of the spec's own shape: a BifrostError does not fit it. */
const problem = {
  type: 'object',
  required: ['detail', 'field'],
  additionalProperties: false,
  properties: { detail: { type: 'string', minLength: 1 }, field: { type: 'string', enum: ['name', 'count'] } },
};

/** A spec copy whose new operations declare statuses of their own (409, 422) that listVideos does not. */
const specPath = writeSpecVariant('prefer-per-operation', (doc) => {
  doc.paths['/v1/things'] = {
    post: {
      operationId: 'createThing',
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '201': { description: 'created', content: { 'application/json': { schema: thing, example: { id: 'thing_1' } } } },
        '409': bifrostError,
        '422': { description: 'a problem', content: { 'application/json': { schema: problem } } },
      },
    },
  };
  doc.paths['/v1/things/{thing_id}'] = {
    get: {
      operationId: 'getThing',
      parameters: [{ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'a thing', content: { 'application/json': { schema: thing } } },
        '404': bifrostError,
      },
    },
  };
});
const judge = judgeWith(specPath);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath });
});
afterAll(() => server.close());

async function call(method: string, path: string, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...AUTH, ...headers } };
  if (method === 'POST') Object.assign(init, { body: '{}', headers: { ...init.headers, 'content-type': 'application/json' } });
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

describe("Prefer: code= is checked against the requested operation's own statuses", () => {
  test('a status only the new operation declares (409) is honoured there, as a spec-valid BifrostError', async () => {
    const { status, body } = await call('POST', '/v1/things', { Prefer: 'code=409' });
    expect(status).toBe(409);
    expect(body).toMatchObject({ status_code: 409, is_bifrost_error: true });
    expect(judge('post', '/v1/things', 409, body)).toEqual([]);
  });

  test('the same status on the list, which does not declare it, is a 400 naming Prefer and the statuses the list declares', async () => {
    const { status, body } = await call('GET', '/v1/videos?provider=openai', { Prefer: 'code=409' });
    expect(status).toBe(400);
    const { error } = body as unknown as BifrostError;
    expect(error.param).toBe('Prefer');
    expect(error.message).toBe(
      'invalid Prefer header: status 409 is not declared by the spec for listVideos (declared: 200, 400, 401, 402, 403, 404, 429, 500, 502, 503, 504)',
    );
  });

  test('a schema-served operation with few statuses lists its own', async () => {
    const refused = await call('GET', '/v1/things/thing_1', { Prefer: 'code=503' });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as BifrostError).error.message).toContain('for getThing (declared: 200, 404)');
    const honoured = await call('GET', '/v1/things/thing_1', { Prefer: 'code=404' });
    expect(honoured.status).toBe(404);
    expect(judge('get', '/v1/things/{thing_id}', 404, honoured.body)).toEqual([]);
  });

  test('a status the spec gives a body of its own shape gets that body, generated from its schema, the same every time', async () => {
    const first = await call('POST', '/v1/things', { Prefer: 'code=422' });
    expect(first.status).toBe(422);
    expect(judge('post', '/v1/things', 422, first.body)).toEqual([]);
    expect(first.body).not.toHaveProperty('is_bifrost_error');
    expect((await call('POST', '/v1/things', { Prefer: 'code=422' })).text).toBe(first.text);
  });

  test.each([
    ['POST', '/v1/videos', 413, 'createVideo'],
    ['GET', '/v1/videos/video_abc:openai/content', 416, 'downloadVideoContent'],
  ])('the lifecycle route %s %s honours %i, which it declares and the list does not', async (method, path, code) => {
    const { status, body } = await call(method, path, { Prefer: `code=${code}` });
    expect(status).toBe(code);
    expect(body).toMatchObject({ status_code: code });
    expect((await call('GET', '/v1/videos?provider=openai', { Prefer: `code=${code}` })).status).toBe(400);
  });

  test('a lifecycle route refuses a status it does not declare, listing its own', async () => {
    const { status, body } = await call('DELETE', '/v1/videos/video_abc:openai', { Prefer: 'code=413' });
    expect(status).toBe(400);
    expect((body as unknown as BifrostError).error.message).toContain('for deleteVideo (declared: 200, 400,');
  });

  test('a fault rule with a status only the new operation declares is accepted, and fires only there', async () => {
    const added = await fetch(`${server.url}/__mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'conflict', respond: { status: 409 } }),
    });
    expect(added.status).toBe(201);
    try {
      expect((await call('GET', '/v1/videos?provider=openai')).status).toBe(200);
      expect((await call('POST', '/v1/things')).status).toBe(409);
      const refused = await fetch(`${server.url}/__mock/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ respond: { status: 418 } }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toMatch(/418 is not declared by the spec for any operation \(declared: 400, 401, 402, 403, 404, 409, 413, 416, 422,/);
    } finally {
      await fetch(`${server.url}/__mock/faults`, { method: 'DELETE' });
    }
  });

  test('no response broke the contract', () => {
    expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
  });
});

describe('after --watch reloads a spec that adds an operation with its own statuses', () => {
  test('Prefer: code=409 and a 409 rule work on it at once, with the rules in force kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vjm-prefer-'));
    const watched = join(dir, 'spec.json');
    const faults = join(dir, 'faults.yaml');
    copyFileSync(writeSpecVariant('prefer-before-reload', () => undefined), watched);
    writeFileSync(faults, 'rules:\n  - name: slow asc\n    match: { query: { order: asc } }\n    latency: 1\n');
    const live = await startTestServer({ specPath: watched, faultsPath: faults, watch: true });
    const addRule = (status: number) =>
      fetch(`${live.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ respond: { status } }) });
    try {
      expect((await addRule(409)).status).toBe(400); // no operation declares 409 yet
      writeFileSync(`${watched}.tmp`, readFileSync(specPath));
      renameSync(`${watched}.tmp`, watched);
      const deadline = performance.now() + 10_000;
      let status = 0;
      while (status !== 409 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await fetch(`${live.url}/v1/things`, { method: 'POST', headers: { ...AUTH, Prefer: 'code=409' } })).status;
      }
      expect(status).toBe(409);
      expect((await addRule(409)).status).toBe(201);
      const rules = (await (await fetch(`${live.url}/__mock/faults`)).json()) as { rules: { rule: { name?: string } }[] };
      expect(rules.rules.map((r) => r.rule.name)).toEqual(['slow asc', undefined]);
    } finally {
      await live.close();
    }
  });
});
