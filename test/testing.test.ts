import { startServer, validateResponse } from '../src/testing.js';

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

  test('error bodies are judged against the status the spec declares', () => {
    expect(validateResponse('listVideos', 429, { is_bifrost_error: true, error: { message: 'slow down' } }).valid).toBe(true);
    expect(validateResponse('listVideos', 429, { message: 'slow down' }).problems).toEqual(['$.is_bifrost_error: is required', '$.error: is required']);
  });

  test('an unknown operation says which ones exist', () => {
    expect(validateResponse('editVideo', 200, {}).problems[0]).toMatch(
      /no operation editVideo in openapi\.yaml \(known: listVideos, createVideo, retrieveVideo, deleteVideo, remixVideo, downloadVideoContent\)/,
    );
  });
});
