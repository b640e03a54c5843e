import { AUTH, startTestServer, type TestServer } from '../support/http.js';
import { errorSchemaProblems } from '../support/specJudge.js';

/** Multipart parts whose names are odd are the client's mistake: a 400 saying what is wrong, never a 413 or a crash. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const BOUNDARY = '----vjm-test';
function multipart(...parts: string[]): string {
  return parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('') + `--${BOUNDARY}--\r\n`;
}

async function create(body: string) {
  const response = await fetch(`${server.url}/v1/videos`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  });
  const json = (await response.json()) as { error: { message: string; param?: string } };
  expect(errorSchemaProblems(json)).toEqual([]);
  return { status: response.status, error: json.error };
}

test.each([
  ['an empty name', multipart('Content-Disposition: form-data; name=""\r\n\r\nx')],
  ['no name at all', multipart('Content-Disposition: form-data\r\n\r\nx')],
  ['no Content-Disposition', multipart('Content-Type: text/plain\r\n\r\nx')],
])('a part with %s is a 400 naming the body, not a 413', async (_name, body) => {
  const { status, error } = await create(body);
  expect(status).toBe(400);
  expect(error.param).toBe('body');
});

test.each(['x[y]', 'prompt[x]', '__proto__[x]', 'constructor[prototype][x]', 'metadata[key]'])(
  'a bracketed name (%s) is only a name: the create says what it lacks, and the server answers on',
  async (name) => {
    const { status, error } = await create(multipart(`Content-Disposition: form-data; name="${name}"\r\n\r\n1`));
    expect(status).toBe(400);
    expect(error.param).toBe('prompt');
    expect((await fetch(`${server.url}/v1/videos?provider=openai&limit=1`, { headers: AUTH })).status).toBe(200);
  },
);

test('nothing was logged as a bug of the mock', () => {
  expect(server.logs.filter((line) => !line.startsWith('admin:'))).toEqual([]);
});
