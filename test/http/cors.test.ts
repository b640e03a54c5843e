import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { schemaProblems } from '../support/specJudge.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('CORS for browser apps on another origin', () => {
  test('a preflight asking for Authorization is allowed', async () => {
    const response = await fetch(`${server.url}/v1/videos?provider=openai`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,x-bf-vk',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  test('actual responses, errors included, carry the allow-origin header', async () => {
    for (const query of ['provider=openai&limit=1', 'limit=1']) {
      const response = await fetch(`${server.url}/v1/videos?${query}`, {
        headers: { ...AUTH, Origin: 'http://localhost:3000' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect(schemaProblems(response.status, await response.json())).toEqual([]);
    }
  });
});
