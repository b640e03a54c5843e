import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { rawGet } from '../support/rawGet.js';

describe('the console and the docs are served under /__mock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('/__mock redirects to /__mock/, which is the console page with a no-network content policy', async () => {
    const redirect = await fetch(`${server.url}/__mock`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/__mock/');
    const page = await fetch(`${server.url}/__mock/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('<script type="module" src="console/main.js">');
  });

  test.each([
    ['console/main.js', /javascript/],
    ['console/console.css', /css/],
    ['console/vendor/yaml/index.js', /javascript/],
    ['docs', /html/],
    ['docs/swagger-ui-bundle.js', /javascript/],
    ['docs/swagger-ui.css', /css/],
  ])('/__mock/%s is served from the package', async (path, type) => {
    const response = await fetch(`${server.url}/__mock/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
  });

  test.each(['', 'docs'])('/__mock/%s may be framed by its own origin only, for browsers with and without frame-ancestors', async (path) => {
    const page = await fetch(`${server.url}/__mock/${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  test('only the two Swagger UI files are served from its folder', async () => {
    expect((await fetch(`${server.url}/__mock/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/__mock/console/../../package.json`)).status).toBe(404);
  });

  test('/__mock/openapi.yaml is the spec in force as written; /__mock/openapi.json is the same document', async () => {
    const text = readFileSync(defaultSpecPath, 'utf8');
    const yaml = await fetch(`${server.url}/__mock/openapi.yaml`);
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
    expect(await yaml.text()).toBe(text);
    const json = await fetch(`${server.url}/__mock/openapi.json`);
    expect(await json.json()).toEqual(parse(text));
  });

  test('the console keeps the admin API rules: a foreign Host header is refused', async () => {
    expect(await rawGet(`${server.url}/__mock/`, { Host: 'attacker.example' })).toMatchObject({ kind: 'response', status: 403 });
  });
});

describe('the console with --admin-token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adminToken: 's3cret' });
  });
  afterAll(() => server.close());

  test('its page and scripts load without the token (they hold no data), then it asks for it', async () => {
    expect((await fetch(`${server.url}/__mock/`)).status).toBe(200);
    expect((await fetch(`${server.url}/__mock/console/main.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/__mock/docs`)).status).toBe(200);
  });

  test('the data and the spec still need the token', async () => {
    for (const path of ['health', 'openapi.json', 'requests/stream', 'presets']) {
      expect((await fetch(`${server.url}/__mock/${path}`)).status).toBe(401);
    }
    expect((await fetch(`${server.url}/__mock/openapi.json`, { headers: { 'X-Mock-Admin-Token': 's3cret' } })).status).toBe(200);
  });
});

describe('--admin-origin', () => {
  const app = 'https://app.example.com';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adminOrigins: [app], adminToken: 's3cret' });
  });
  afterAll(() => server.close());

  test('a listed origin may preflight the token header and use the admin API with the token', async () => {
    const preflight = await fetch(`${server.url}/__mock/faults`, {
      method: 'OPTIONS',
      headers: { Origin: app, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,x-mock-admin-token' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(app);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-mock-admin-token');
    const ok = await fetch(`${server.url}/__mock/faults`, { headers: { Origin: app, 'X-Mock-Admin-Token': 's3cret' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(app);
  });

  test('a listed origin without the token is refused with a message the page can read', async () => {
    const refused = await fetch(`${server.url}/__mock/faults`, { headers: { Origin: app } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(app);
  });

  test('an origin not listed is refused with CORS headers too, and told how to be allowed', async () => {
    const other = 'https://other.example';
    const refused = await fetch(`${server.url}/__mock/faults`, { headers: { Origin: other, 'X-Mock-Admin-Token': 's3cret' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe(other);
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toContain(`--admin-origin ${other}`);
    const preflight = await fetch(`${server.url}/__mock/faults`, {
      method: 'OPTIONS',
      headers: { Origin: other, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('an origin that is not an http(s) URL is a startup error', async () => {
    await expect(startTestServer({ adminOrigins: ['not a url'] })).rejects.toThrow(/adminOrigins: "not a url" is not an http\(s\) origin/);
  });
});
