import fc from 'fast-check';
import type { JobRecord } from '../../../src/core/data/JobRecord.js';
import { jobView } from '../../../src/core/jobs/jobView.js';
import { renderPlan, typicalRenderMs, type Outcome } from '../../../src/core/data/renderPlan.js';

const T0 = Date.UTC(2026, 0, 15, 12);
const record = (outcome: Outcome = { status: 'completed' }, queueMs = 2_000, renderMs = 30_000): JobRecord => ({
  id: 'video_x:openai',
  model: 'sora-2',
  prompt: 'a cat',
  seconds: '4',
  size: '720x1280',
  createdAtMs: T0,
  plan: { queueMs, renderMs, outcome },
});

describe('render plans', () => {
  test('a 4-second sora-2 job completes in under a minute, pro and large sizes take longer, speed scales it', () => {
    const slowest = renderPlan({ model: 'sora-2', seconds: '4', size: '720x1280' }, { queue: 0.999, jitter: 0.999 }, 1);
    expect(slowest.queueMs + slowest.renderMs).toBeLessThan(60_000);
    const standard = typicalRenderMs({ model: 'sora-2', seconds: '4', size: '1280x720' });
    expect(typicalRenderMs({ model: 'sora-2-pro', seconds: '4', size: '1280x720' })).toBeGreaterThan(standard);
    expect(typicalRenderMs({ model: 'sora-2-pro', seconds: '4', size: '1792x1024' })).toBeGreaterThan(typicalRenderMs({ model: 'sora-2-pro', seconds: '4', size: '1280x720' }));
    expect(typicalRenderMs({ model: 'sora-2', seconds: '12', size: '1280x720' })).toBe(3 * standard);
    const fast = renderPlan({ model: 'sora-2', seconds: '4', size: '720x1280' }, { queue: 0.999, jitter: 0.999 }, 10);
    expect(fast.renderMs).toBe(Math.round(slowest.renderMs / 10));
  });
});

describe('jobView: status and progress are a function of (job, now)', () => {
  test('queued, then in_progress with rising progress, then completed with completed_at and expires_at', () => {
    const job = record();
    expect(jobView(job, T0).video).toMatchObject({ status: 'queued', progress: 0 });
    expect(jobView(job, T0).validUntilMs).toBe(T0 + 2_000);
    expect(jobView(job, T0 + 2_000).video).toMatchObject({ status: 'in_progress', progress: 1 });
    expect(jobView(job, T0 + 17_000).video).toMatchObject({ status: 'in_progress', progress: 50 });
    const done = jobView(job, T0 + 32_000);
    expect(done.video).toMatchObject({ status: 'completed', progress: 100, completed_at: (T0 + 32_000) / 1000, expires_at: (T0 + 32_000) / 1000 + 86_400 });
    expect(done.validUntilMs).toBe(Infinity);
    expect(done.video.error).toBeUndefined();
  });

  test('a failed job shows its error and the progress it had reached, and no expires_at', () => {
    const failed = jobView(record({ status: 'failed', code: 'moderation_blocked', atFraction: 0.5 }), T0 + 60_000).video;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'moderation_blocked', message: expect.stringMatching(/moderation/) } });
    expect(failed.progress).toBe(49);
    expect(failed.completed_at).toBe((T0 + 17_000) / 1000);
    expect(failed.expires_at).toBeUndefined();
  });

  test('for any plan and instants: progress never goes back, the invariants hold, and a view is exact until validUntilMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.option(fc.double({ min: 0, max: 0.95, noNaN: true }), { nil: undefined }),
        fc.array(fc.integer({ min: -10_000, max: 1_300_000 }), { minLength: 2, maxLength: 30 }),
        (queueMs, renderMs, failAt, offsets) => {
          const outcome: Outcome = failAt === undefined ? { status: 'completed' } : { status: 'failed', code: 'internal_error', atFraction: failAt };
          const job = record(outcome, queueMs, renderMs);
          const instants = offsets.map((o) => T0 + o).sort((a, b) => a - b);
          let previous = -1;
          for (const now of instants) {
            const { video, validUntilMs } = jobView(job, now);
            expect(validUntilMs).toBeGreaterThan(now);
            expect(video.progress).toBeGreaterThanOrEqual(previous);
            previous = video.progress!;
            expect(video.progress === 100).toBe(video.status === 'completed');
            if (video.status === 'queued') expect(video.progress).toBe(0);
            if (video.status === 'in_progress') expect(video.progress).toBeGreaterThanOrEqual(1);
            expect(video.completed_at !== undefined).toBe(video.status === 'completed' || video.status === 'failed');
            if (video.completed_at !== undefined) {
              expect(video.completed_at).toBeGreaterThanOrEqual(video.created_at);
              expect(video.completed_at).toBeLessThanOrEqual(Math.floor(now / 1000));
            }
            expect(video.error !== undefined).toBe(video.status === 'failed');
            // Unchanged until the instant it says, changed at it (unless final).
            if (validUntilMs !== Infinity) {
              expect(jobView(job, validUntilMs - 1).video).toEqual(video);
              expect(jobView(job, validUntilMs).video).not.toEqual(video);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
