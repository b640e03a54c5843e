import fc from 'fast-check';
import { type ProviderCatalog } from '../../../src/core/data/providerCatalog.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { MockError } from '../../../src/core/errors/MockError.js';
import type { Video } from '../../../src/core/openapi/payloads.js';
import { makeWorld, seededJobs } from '../../support/world.js';
import type { CreateInput } from '../../../src/core/jobs/createJobWorld.js';

const NOW = 1768478400;
let catalog: ProviderCatalog;
beforeAll(async () => {
  catalog = await loadProviderCatalog();
});

type World = ReturnType<typeof makeWorld>;

/** Every job of the provider, walking pages of `limit` by last_id. */
function walk(world: World, order: 'asc' | 'desc', limit: number, after?: string): Video[] {
  const seen: Video[] = [];
  let cursor = after;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = world.list('openai', { order, limit, ...(cursor !== undefined && { after: cursor }) });
    seen.push(...page.data);
    if (!page.hasMore) return seen;
    cursor = page.data.at(-1)!.id;
  }
  throw new Error('the walk never ended');
}

const status = (error: unknown) => (error instanceof MockError ? error.status : error);

describe('one world of seeded and created jobs', () => {
  test('a created job heads the desc list at once, even on a clock set before the newest seeded job', () => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 30, now: NOW, catalog });
    world.clock.reset();
    const video = world.create('openai', { model: 'sora-2', prompt: 'a cat' });
    expect(world.list('openai', { order: 'desc', limit: 1 }).data[0]!.id).toBe(video.id);
    expect(video.created_at).toBeGreaterThanOrEqual(seededJobs(world.dataset, 'openai').jobAt(29).created_at);
  });

  test('past the cap the oldest created job is forgotten: it leaves the list and answers 404', () => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 5, now: NOW, catalog, limits: { maxCreated: 3 } });
    const ids = Array.from({ length: 5 }, (_, i) => world.create('openai', { model: 'sora-2', prompt: `job ${i}` }).id);
    const listed = walk(world, 'desc', 100).map((v) => v.id);
    expect(listed.slice(0, 3)).toEqual([ids[4], ids[3], ids[2]]);
    expect(listed).toHaveLength(5 + 3);
    for (const id of ids.slice(0, 2)) expect(status(catchError(() => world.retrieve('openai', id)))).toBe(404);
    // Their cursors still know their place.
    expect(world.list('openai', { order: 'desc', limit: 100, after: ids[0]! }).data).toHaveLength(5);
  });

  test('seeded deletions are capped; past the cap a delete is refused and the job stays', () => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 10, now: NOW + 3600, catalog, limits: { maxDeleted: 2 } });
    const jobs = seededJobs(world.dataset, 'openai');
    world.remove('openai', jobs.jobAt(0).id);
    world.remove('openai', jobs.jobAt(1).id);
    expect(status(catchError(() => world.remove('openai', jobs.jobAt(2).id)))).toBe(400);
    expect(world.retrieve('openai', jobs.jobAt(2).id).id).toBe(jobs.jobAt(2).id);
  });

  test('reset forgets created jobs and deletions, and ids handed out before it are never valid again', () => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 10, now: NOW, catalog });
    const before = world.create('openai', { model: 'sora-2', prompt: 'a' });
    world.reset();
    const after = world.create('openai', { model: 'sora-2', prompt: 'b' });
    expect(after.id).not.toBe(before.id);
    expect(status(catchError(() => world.retrieve('openai', before.id)))).toBe(404);
    expect(world.retrieve('openai', after.id).prompt).toBe('b');
  });

  test('a video the world hands out is frozen and shared, or fresh and held by no one else (videoBody relies on it)', () => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 40, now: NOW, catalog });
    const created = world.create('openai', { model: 'sora-2', prompt: 'mine' });
    const ids = [created.id, ...walk(world, 'desc', 100).map((v) => v.id)];
    for (const id of ids) {
      const first = world.retrieve('openai', id);
      const second = world.retrieve('openai', id);
      if (Object.isFrozen(first)) expect(second).toBe(first);
      else expect(second).not.toBe(first);
    }
    expect(Object.isFrozen(created)).toBe(false);
    expect(world.retrieve('openai', created.id)).not.toBe(created);
    // What a caller does to its own fresh video shows nowhere else.
    (created as unknown as Record<string, unknown>)['extra_fields'] = { provider: 'openai' };
    expect(world.retrieve('openai', created.id)).not.toHaveProperty('extra_fields');
    expect(world.list('openai', { order: 'desc', limit: 1 }).data[0]).not.toHaveProperty('extra_fields');
  });

  test('two instances never hand out the same id for their own created jobs', () => {
    const a = makeWorld({ seed: 1, jobsPerProvider: 10, now: NOW, catalog, instanceSalt: 1 });
    const b = makeWorld({ seed: 1, jobsPerProvider: 10, now: NOW, catalog, instanceSalt: 2 });
    const id = a.create('openai', { model: 'sora-2', prompt: 'x' }).id;
    expect(b.create('openai', { model: 'sora-2', prompt: 'x' }).id).not.toBe(id);
    expect(status(catchError(() => b.retrieve('openai', id)))).toBe(404);
  });

  test('any interleaving of creates, deletes and clock moves keeps the list sorted, duplicate-free and consistent with retrieve; earlier cursors stay valid', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), outcome: fc.constantFrom(undefined, 'failed') }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 900 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 2, max: 50 }),
        (jobsPerProvider, limit, steps, maxCreated) => {
          const world = makeWorld({ seed: 3, jobsPerProvider, now: NOW, catalog, limits: { maxCreated } });
          const cursors = walk(world, 'desc', 100).map((v) => v.id).filter((_, i) => i % 5 === 0);
          const gone = new Set<string>();
          for (const s of steps) {
            if (s.kind === 'create') {
              world.create('openai', { model: 'sora-2', prompt: 'p', ...(s.outcome && { outcome: { status: 'failed', code: 'internal_error', atFraction: 0.5 } }) });
            } else if (s.kind === 'advance') {
              world.clock.advance(s.seconds);
            } else {
              const all = walk(world, 'asc', 100);
              const target = all[s.pick % Math.max(1, all.length)];
              if (!target) continue;
              const error = catchError(() => world.remove('openai', target.id));
              if (error === undefined) gone.add(target.id);
              else expect(target.status === 'queued' || target.status === 'in_progress').toBe(true);
            }
          }
          const desc = walk(world, 'desc', limit);
          const asc = walk(world, 'asc', limit);
          const ids = desc.map((v) => v.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(asc.map((v) => v.id)).toEqual([...ids].reverse());
          const times = desc.map((v) => v.created_at);
          expect(times).toEqual([...times].sort((a, b) => b - a));
          for (const video of desc) expect(world.retrieve('openai', video.id)).toEqual(video);
          for (const id of gone) {
            expect(ids).not.toContain(id);
            expect(status(catchError(() => world.retrieve('openai', id)))).toBe(404);
          }
          for (const cursor of cursors) {
            const rest = walk(world, 'desc', limit, cursor).map((v) => v.id);
            const at = ids.indexOf(cursor);
            if (at >= 0) expect(rest).toEqual(ids.slice(at + 1));
            else expect(rest).toEqual(ids.slice(ids.length - rest.length));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("an uploaded input reference must be a readable image of the job's size", () => {
  /** How a job of this provider created with this reference (and optional size and outcome) ends. */
  function ending(provider: string, model: string, extra: Partial<CreateInput>): Video {
    const world = makeWorld({ seed: 1, jobsPerProvider: 0, now: NOW, catalog });
    const { id } = world.create(provider, { model, prompt: 'p', ...extra });
    world.clock.advance(3600);
    return world.retrieve(provider, id);
  }
  const failedOnReference = { status: 'failed', error: { code: 'invalid_input_reference', message: expect.stringMatching(/PNG, JPEG or WebP/) } };

  test.each<[string, Partial<CreateInput>, object]>([
    ['a reference of the requested size completes', { size: '1280x720', inputReference: { width: 1280, height: 720 } }, { status: 'completed' }],
    ['a reference of the default size completes when no size is asked', { inputReference: { width: 1280, height: 720 } }, { status: 'completed', size: '1280x720' }],
    ['no reference completes', { size: '1280x720' }, { status: 'completed' }],
    ['a reference of another size fails', { size: '720x1280', inputReference: { width: 640, height: 360 } }, failedOnReference],
    ['a reference turned the other way fails', { size: '720x1280', inputReference: { width: 1280, height: 720 } }, failedOnReference],
    ['a reference one pixel off fails', { size: '1280x720', inputReference: { width: 1280, height: 719 } }, failedOnReference],
    ['an unreadable reference fails', { size: '1280x720', inputReference: null }, failedOnReference],
    [
      'an outcome the job was told wins over the reference check',
      { size: '1280x720', inputReference: { width: 1, height: 1 }, outcome: { status: 'completed' } },
      { status: 'completed' },
    ],
  ])('a provider that checks it on the job (gemini, veo): %s', (_name, extra, expected) => {
    expect(ending('gemini', 'veo-3.0-generate-001', extra)).toMatchObject(expected);
  });

  test.each<[string, Partial<CreateInput>]>([
    ['of another size', { size: '720x1280', inputReference: { width: 640, height: 360 } }],
    ['turned the other way', { size: '720x1280', inputReference: { width: 1280, height: 720 } }],
    ['of another size than the default one', { inputReference: { width: 1280, height: 720 } }],
    ['of another size, even when the job was told how to end', { size: '1280x720', inputReference: { width: 1, height: 1 }, outcome: { status: 'completed' } }],
  ])('OpenAI refuses a reference %s at create, as its API does, and makes no job', (_name, extra) => {
    const world = makeWorld({ seed: 1, jobsPerProvider: 0, now: NOW, catalog });
    const error = catchError(() => world.create('openai', { model: 'sora-2', prompt: 'p', ...extra }));
    expect(error).toBeInstanceOf(MockError);
    expect((error as MockError).status).toBe(400);
    expect((error as MockError).detail).toMatchObject({ param: 'input_reference', isBifrostError: false, message: expect.stringMatching(/^Inpaint image must match the requested width and height: .*PNG, JPEG or WebP/) });
    expect(world.list('openai', { order: 'desc', limit: 10 }).data).toEqual([]);
  });

  test('OpenAI still takes an unreadable upload and fails the job, as the gateway reports', () => {
    expect(ending('openai', 'sora-2', { size: '1280x720', inputReference: null })).toMatchObject(failedOnReference);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}
