import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BifrostError, VideoList } from '../../src/core/openapi/payloads.js';
import { AUTH, startTestServer } from '../support/http.js';
import { schemaProblems } from '../support/specJudge.js';

const original = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'vjm-variant-'));

/** A copy of openapi.yaml with one edit; the edit must apply or the test is meaningless. */
function variant(name: string, from: string, to: string): string {
  expect(original).toContain(from);
  const path = join(dir, name);
  writeFileSync(path, original.replace(from, to));
  return path;
}

const limitSchema = 'minimum: 1\n            maximum: 100\n            default: 20';

/** Every answer is also judged against the bundled openapi.yaml, which the variants only narrow. */
async function get<T>(url: string) {
  const response = await fetch(url, { headers: AUTH });
  const body = (await response.json()) as T;
  expect(schemaProblems(response.status, body)).toEqual([]);
  return { status: response.status, body };
}

describe('parameters come from the spec the server was started with', () => {
  test('maximum: 50 makes limit=60 a 400 that names the new bound', async () => {
    const server = await startTestServer({
      specPath: variant('max50.yaml', limitSchema, limitSchema.replace('maximum: 100', 'maximum: 50')),
    });
    try {
      const refused = await get<BifrostError>(`${server.url}/v1/videos?provider=openai&limit=60`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ param: 'limit', message: 'invalid limit parameter: must be <= 50' });
      expect((await get<VideoList>(`${server.url}/v1/videos?provider=openai&limit=50`)).body.data).toHaveLength(50);
    } finally {
      await server.close();
    }
  });

  test('default: 10 gives 10-item pages', async () => {
    const server = await startTestServer({
      specPath: variant('default10.yaml', limitSchema, limitSchema.replace('default: 20', 'default: 10')),
    });
    try {
      const { body } = await get<VideoList>(`${server.url}/v1/videos?provider=openai`);
      expect(body.data).toHaveLength(10);
      expect(body.has_more).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('an order enum without asc refuses asc', async () => {
    const server = await startTestServer({ specPath: variant('desc-only.yaml', 'enum: [asc, desc]', 'enum: [desc]') });
    try {
      const { status, body } = await get<BifrostError>(`${server.url}/v1/videos?provider=openai&order=asc`);
      expect(status).toBe(400);
      expect(body.error.message).toBe('invalid order parameter: must be one of desc');
    } finally {
      await server.close();
    }
  });
});

describe('response validation', () => {
  test('a body that breaks the spec is never sent: 500 mock_contract_violation naming the paths, logged', async () => {
    // The generator emits sizes like 720x1280; this spec demands another form, so every
    // list response the server builds breaks it.
    const specPath = variant(
      'strict-size.yaml',
      'size:\n          type: string\n',
      'size:\n          type: string\n          pattern: "^[0-9]+p$"\n',
    );
    const server = await startTestServer({ specPath });
    try {
      const { status, body } = await get<BifrostError>(`${server.url}/v1/videos?provider=openai&limit=2`);
      expect(status).toBe(500);
      expect(body.status_code).toBe(500);
      expect(body.error.type).toBe('mock_contract_violation');
      expect(body.error.message).toContain('$.data.0.size: must match pattern "^[0-9]+p$"');
      expect(JSON.stringify(body)).not.toContain('"object":"list"');
      expect(server.logs).toHaveLength(1);
      expect(server.logs[0]).toMatch(/contract violation in 200 response to GET \/v1\/videos\?provider=openai&limit=2: \$\.data\.0\.size/);
      // Errors that do fit the spec still go out untouched.
      const bad = await get<BifrostError>(`${server.url}/v1/videos?provider=openai&limit=0`);
      expect(bad.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
