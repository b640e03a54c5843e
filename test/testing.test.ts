import { ConfigError, startServer, validateResponse } from '../src/testing.js';

describe('video-jobs-mock/testing', () => {
  test('startServer on a random port and validateResponse judge a real page together', async () => {
    const server = await startServer({ port: 0, jobs: 5, log: () => {} });
    try {
      const response = await fetch(`${server.url}/v1/videos?provider=openai`, { headers: { 'x-bf-vk': 'sk-bf-user' } });
      const body = (await response.json()) as { data: Record<string, unknown>[] };
      expect(validateResponse('listVideos', response.status, body)).toEqual({ valid: true, problems: [] });
      body.data[1]!['status'] = 'done';
      expect(validateResponse('listVideos', 200, body)).toEqual({
        valid: false,
        problems: ['$.data.1.status: must be one of queued, in_progress, completed, failed'],
      });
    } finally {
      await server.close();
    }
  });

  test('a bad option to startServer is a ConfigError from the same module, told apart from a bug with instanceof', async () => {
    const refused = await startServer({ port: 0, sede: 7 } as never).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toBe('startServer: unknown option "sede"; did you mean seed?');
  });

  test('error bodies are judged against the status the spec declares', () => {
    expect(validateResponse('listVideos', 429, { is_bifrost_error: true, error: { message: 'slow down' } }).valid).toBe(true);
    expect(validateResponse('listVideos', 429, { message: 'slow down' }).problems).toEqual(['$.is_bifrost_error: is required', '$.error: is required']);
  });

  test('validateResponse judges against another copy of the spec when given its path', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const specPath = join(mkdtempSync(join(tmpdir(), 'vjm-testing-')), 'stricter.yaml');
    const spec = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
    writeFileSync(specPath, spec.replace('        size:\n          type: string\n', '        size:\n          type: string\n          pattern: "^[0-9]+p$"\n'));
    const page = { object: 'list', data: [{ id: 'v:openai', object: 'video', model: 'sora-2', status: 'queued', created_at: 1, prompt: '', size: '720x1280', seconds: '4' }], has_more: false, extra_fields: { request_type: 'video_list', provider: 'openai', latency: 0, chunk_index: 0 } };
    expect(validateResponse('listVideos', 200, page)).toEqual({ valid: true, problems: [] });
    expect(validateResponse('listVideos', 200, page, { specPath }).problems).toEqual(['$.data.0.size: must match pattern "^[0-9]+p$"']);
    expect(() => validateResponse('listVideos', 200, page, { specPath: join(tmpdir(), 'no-such-spec.yaml') })).toThrow(/no-such-spec\.yaml: cannot read the spec \(ENOENT\)/);
  });

  test('an unknown operation says which ones exist', () => {
    expect(validateResponse('editVideo', 200, {}).problems[0]).toMatch(
      /no operation editVideo in openapi\.yaml \(known: listVideos, createVideo, retrieveVideo, deleteVideo, remixVideo, downloadVideoContent\)/,
    );
  });
});
