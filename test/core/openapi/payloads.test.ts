import { createDataset } from '../../../src/core/data/createDataset.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { englishLocale } from '../../../src/core/random/englishLocale.js';
import type { BifrostError, Video, VideoList } from '../../../src/core/openapi/payloads.js';
import { seededJobs } from '../../support/world.js';
import { errorSchemaProblems, schemaProblems } from '../../support/specJudge.js';

/** The hand-kept payload types and the schemas in openapi.yaml must describe the same thing. */
describe('payload types against openapi.yaml', () => {
  const fullVideo: Required<Video> = {
    id: 'video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5:openai',
    object: 'video',
    model: 'sora-2',
    status: 'failed',
    progress: 40,
    prompt: 'A cat',
    remixed_from_video_id: 'video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d4:openai',
    seconds: '8',
    size: '720x1280',
    created_at: 1758941485,
    completed_at: 1758941585,
    expires_at: 1759027985,
    error: { code: 'moderation_blocked', message: 'blocked' },
  };
  const list = (data: unknown[]): VideoList => ({
    object: 'list',
    data: data as Video[],
    has_more: false,
    extra_fields: { request_type: 'video_list', provider: 'openai', latency: 1, chunk_index: 0 },
  });

  test('a Video with every field set validates', () => {
    expect(schemaProblems(200, list([fullVideo]))).toEqual([]);
  });

  test('a Video with only its required fields validates', () => {
    const { id, object, model, status, prompt, seconds, size, created_at } = fullVideo;
    expect(schemaProblems(200, list([{ id, object, model, status, prompt, seconds, size, created_at }]))).toEqual([]);
  });

  test('OpenAI-style nulls for optional fields validate, as a real server sends them', () => {
    const openaiStyle = { ...fullVideo, progress: null, remixed_from_video_id: null, seconds: null, completed_at: null, expires_at: null, error: null };
    expect(schemaProblems(200, { ...list([openaiStyle]), first_id: null, last_id: null })).toEqual([]);
  });

  test.each([
    ['status outside the enum', { ...fullVideo, status: 'done' }],
    ['created_at as a string', { ...fullVideo, created_at: '2025-01-01' }],
    ['missing prompt', (({ prompt: _p, ...rest }) => rest)(fullVideo)],
    ['null prompt', { ...fullVideo, prompt: null }],
  ])('%s is rejected', (_name, video) => {
    expect(schemaProblems(200, list([video]))).not.toEqual([]);
  });

  test('every generated job validates against the Video schema', async () => {
    const dataset = createDataset({ seed: 5, jobsPerProvider: 300, now: 1768478400, catalog: await loadProviderCatalog(), locale: englishLocale });
    const jobs = seededJobs(dataset, 'openai');
    const videos = Array.from({ length: jobs.count }, (_, i) => jobs.jobAt(i));
    expect(schemaProblems(200, list(videos))).toEqual([]);
  });

  test('a BifrostError with every field set validates; one without a message does not', () => {
    const full: Required<BifrostError> = {
      event_id: 'evt_1',
      type: 'invalid_request_error',
      is_bifrost_error: true,
      status_code: 400,
      error: { type: 't', code: 'c', message: 'm', param: 'limit', event_id: 'evt_1' },
      extra_fields: { provider: 'openai', model_requested: 'sora-2', request_type: 'video_list' },
    };
    expect(errorSchemaProblems(full)).toEqual([]);
    expect(errorSchemaProblems({ ...full, error: { code: 'c' } })).not.toEqual([]);
  });
});
