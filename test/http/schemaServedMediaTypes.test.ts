import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { writeSpecVariant } from '../support/specVariant.js';

/** A spec copy whose new operations answer text, not JSON: one generated, one from its example. */
const specPath = writeSpecVariant('text-answers', (doc) => {
  const text = (schema: object, example?: string) => ({
    '200': { description: 'text', content: { 'text/plain': { schema, ...(example !== undefined && { example }) } } },
  });
  doc.paths['/v1/motd'] = { get: { operationId: 'getMotd', responses: text({ type: 'string', minLength: 5, maxLength: 40 }) } } as never;
  doc.paths['/v1/csv'] = { get: { operationId: 'getCsv', responses: text({ type: 'string' }, 'id,name\n1,Ada\n') } } as never;
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ specPath, seed: 3 });
});
afterAll(() => server.close());

describe('a schema-served operation that answers text/plain', () => {
  test('sends a generated string in its media type, the same each time', async () => {
    const first = await fetch(`${server.url}/v1/motd`, { headers: AUTH });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await first.text();
    expect(text.length).toBeGreaterThanOrEqual(5);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(await (await fetch(`${server.url}/v1/motd`, { headers: AUTH })).text()).toBe(text);
  });

  test("sends the media type's example as written", async () => {
    const response = await fetch(`${server.url}/v1/csv`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('id,name\n1,Ada\n');
    expect(server.logs.filter((line) => line.includes('contract violation'))).toEqual([]);
  });
});
