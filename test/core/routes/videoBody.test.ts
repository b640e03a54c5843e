import { videoBody } from '../../../src/core/routes/videoBody.js';
import { freezeVideo } from '../../../src/core/jobs/jobView.js';
import type { Video } from '../../../src/core/openapi/payloads.js';

const video = (): Video => ({
  id: 'video_1:openai',
  object: 'video',
  model: 'sora-2',
  status: 'queued',
  progress: 0,
  prompt: 'a boat',
  seconds: '4',
  size: '720x1280',
  created_at: 1768478400,
});
const extra = { request_type: 'video_retrieve', provider: 'openai', latency: 0 };

describe('the body of one video', () => {
  test('a fresh video takes extra_fields in place, with no copy', () => {
    const fresh = video();
    const body = videoBody(fresh, extra);
    expect(body).toBe(fresh);
    expect(body).toEqual({ ...video(), extra_fields: extra });
    expect(JSON.stringify(body)).toBe(JSON.stringify({ ...video(), extra_fields: extra }));
  });

  test('a frozen (shared) video is never changed: its body is another object', () => {
    const shared = freezeVideo(video());
    for (const latency of [0, 7]) {
      const body = videoBody(shared, { ...extra, latency });
      expect(body).not.toBe(shared);
      expect(body).toEqual({ ...video(), extra_fields: { ...extra, latency } });
    }
    expect(shared).toEqual(video());
  });

  test('at latency 0 a frozen video has one frozen body per request type, built once', () => {
    const shared = freezeVideo(video());
    const body = videoBody(shared, extra);
    expect(videoBody(shared, { ...extra })).toBe(body);
    expect(Object.isFrozen(body) && Object.isFrozen(body.extra_fields)).toBe(true);
    expect(videoBody(shared, { ...extra, request_type: 'video_delete' })).not.toBe(body);
  });
});
