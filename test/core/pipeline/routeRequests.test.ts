import { routedPathPattern, routeRequests } from '../../../src/core/pipeline/routeRequests.js';

const templates = ['/v1/videos', '/v1/videos/{video_id}', '/v1/videos/{video_id}/content', '/v1/videos/{video_id}/remix', '/things/{id}'];
const route = routeRequests(templates.map((path) => ({ method: 'GET', path })));
const pattern = new RegExp(`^${routedPathPattern(templates)}$`, 'i');

describe('the routed-path pattern agrees with the router', () => {
  test.each([
    '/v1/videos',
    '/v1/videos/',
    '/V1/Videos',
    '/v1/videos/video_1',
    '/v1/videos/video_1/content',
    '/v1/videos/a%2Fb/content',
    '/openai/v1/videos',
    '/openai/videos/video_1/remix',
    '/OpenAI/videos',
    '/things/7',
    '/v1/videos//content',
    '/v1/videos/video_1/content/more',
    '/v1/video',
    '/openai/things/7',
    '/openai/v1/things/7',
    '/v2/videos',
    '/',
    '/v1/videos.json',
    '/v1/videosX',
  ])('%s: matched exactly when routed', (path) => {
    expect(pattern.test(path)).toBe(route('GET', path).kind !== 'none');
  });

  test('some of those paths are routed and some are not (the table above tests both ways)', () => {
    expect(pattern.test('/openai/videos/video_1/remix')).toBe(true);
    expect(pattern.test('/openai/things/7')).toBe(false);
  });
});
