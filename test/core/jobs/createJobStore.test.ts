import fc from 'fast-check';
import { CREATED_JOB_FIXED_BYTES, createdJobBytes, createJobStore, lowerBound, type CreatedJob, type JobStore } from '../../../src/core/jobs/createJobStore.js';
import type { JobRecord } from '../../../src/core/data/JobRecord.js';
import { collectGarbage } from '../../support/collectGarbage.js';

const record = (position: number): JobRecord => ({
  id: `video_${position}:openai`,
  model: 'sora-2',
  prompt: 'p',
  seconds: '4',
  size: '720x1280',
  createdAtMs: position,
  plan: { queueMs: 0, renderMs: 1, outcome: { status: 'completed' } },
});

describe('the job store', () => {
  test('created jobs take the positions after the seeded ones, in creation order', () => {
    const store = createJobStore({ maxCreated: 10, maxDeleted: 10 });
    const a = store.add('openai', 100, record);
    const b = store.add('openai', 100, record);
    expect([a.position, b.position]).toEqual([100, 101]);
    expect(store.ledger('openai', 100)).toMatchObject({ created: [100, 101], issued: 102 });
    expect(store.add('azure', 7, record).position).toBe(7);
  });

  test('memory stays flat under a create/delete soak: nothing is kept for deleted jobs but the count', () => {
    const store = createJobStore({ maxCreated: 50, maxDeleted: 10 });
    for (let i = 0; i < 100_000; i++) {
      const job = store.add('openai', 250, record);
      if (i % 10 !== 0) store.removeCreated('openai', job.position);
    }
    // 10,000 were kept by the loop, but only the newest stay: the cap forgets the oldest (each
    // add past the cap forgets one, even if the new job is deleted right after).
    const ledger = store.ledger('openai', 250);
    expect(store.size()).toBe(49);
    expect(ledger.created).toHaveLength(49);
    expect(ledger.created.at(-1)).toBe(250 + 99_990);
    expect(ledger.created.every((position) => (position - 250) % 10 === 0)).toBe(true);
    expect(ledger.issued).toBe(250 + 100_000);
  });

  test('any mix of creates and deletes across providers keeps exactly the newest kept jobs, each found by its position', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), provider: fc.constantFrom('openai', 'azure') }),
      fc.record({ kind: fc.constant('remove' as const), provider: fc.constantFrom('openai', 'azure'), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 300 }), (maxCreated, ops) => {
        const store = createJobStore({ maxCreated, maxDeleted: 10 });
        // The model: kept jobs oldest first; past the cap the oldest go, 1% of the cap (at least one) at a time.
        let model: CreatedJob[] = [];
        const issued: CreatedJob[] = [];
        for (const o of ops) {
          if (o.kind === 'add') {
            const job = store.add(o.provider, 5, record);
            issued.push(job);
            model.push(job);
            if (model.length > maxCreated) model = model.slice(Math.max(1, Math.floor(maxCreated / 100)));
          } else {
            const mine = model.filter((job) => job.provider === o.provider);
            const victim = mine[o.pick % Math.max(1, mine.length)];
            if (!victim) continue;
            store.removeCreated(o.provider, victim.position);
            model = model.filter((job) => job !== victim);
          }
        }
        expect(store.size()).toBe(model.length);
        for (const job of issued) expect(store.get(job.provider, job.position)).toBe(model.includes(job) ? job : undefined);
        for (const provider of ['openai', 'azure']) {
          const positions = model.filter((job) => job.provider === provider).map((job) => job.position);
          expect(store.ledger(provider, 5).created).toEqual(positions);
        }
      }),
    );
  });

  test('deleting a job twice, or one never made, changes nothing', () => {
    const store = createJobStore({ maxCreated: 5, maxDeleted: 5 });
    const kept = store.add('openai', 3, record);
    const deleted = store.add('openai', 3, record);
    store.removeCreated('openai', deleted.position);
    store.removeCreated('openai', deleted.position);
    store.removeCreated('openai', 99);
    store.removeCreated('gemini', 3);
    expect(store.size()).toBe(1);
    expect(store.get('openai', kept.position)).toBe(kept);
  });

  test('clear forgets everything and bumps the generation', () => {
    const store = createJobStore({ maxCreated: 5, maxDeleted: 5 });
    store.add('openai', 3, record);
    store.deleteSeeded('openai', 3, 1);
    const generation = store.generation;
    store.clear();
    expect(store.size()).toBe(0);
    expect(store.ledger('openai', 3)).toMatchObject({ created: [], issued: 3 });
    expect(store.ledger('openai', 3).deletedSeeded.size).toBe(0);
    expect(store.generation).toBe(generation + 1);
  });

  test('lowerBound finds the first index at or above a value', () => {
    expect([0, 1, 5, 6, 9, 10].map((v) => lowerBound([1, 5, 9], v))).toEqual([0, 0, 1, 2, 2, 3]);
  });

  describe('its byte budget', () => {
    /** A record with a prompt of `length` characters (of `char`). */
    const sized = (length: number, char = 'a') => (position: number): JobRecord => ({ ...record(position), prompt: char.repeat(length) });

    test('a job is charged its prompt twice at its size in memory, its other strings and a fixed cost', () => {
      const ascii = sized(32_000)(7);
      const beyondLatin1 = sized(32_000, 'ж')(7);
      const others = 2 * (ascii.id.length + ascii.model.length);
      expect(createdJobBytes(ascii)).toBe(CREATED_JOB_FIXED_BYTES + 2 * 32_000 + others);
      expect(createdJobBytes(beyondLatin1)).toBe(CREATED_JOB_FIXED_BYTES + 4 * 32_000 + others);
    });

    test('past the budget the oldest jobs are forgotten until 1% is free, across providers', () => {
      const each = createdJobBytes(sized(10_000)(0));
      const store = createJobStore({ maxCreated: 1000, maxCreatedBytes: 10 * each, maxDeleted: 10 });
      const made: CreatedJob[] = [];
      for (let i = 0; i < 25; i++) made.push(store.add(i % 2 ? 'azure' : 'openai', 5, sized(10_000)));
      const kept = made.filter((job) => store.get(job.provider, job.position) === job);
      expect(store.bytes()).toBeLessThanOrEqual(10 * each);
      expect(store.bytes()).toBe(kept.reduce((sum, job) => sum + job.bytes, 0));
      expect(kept).toEqual(made.slice(made.length - kept.length)); // the newest ones
      expect(kept.length).toBeGreaterThanOrEqual(9);
      expect(store.size()).toBe(kept.length);
    });

    test('the accounting follows any mix of creates, deletes and evictions, and a reset', () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('add' as const), length: fc.integer({ min: 0, max: 3000 }) }),
        fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      );
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40_000 }), fc.array(op, { maxLength: 200 }), (maxCreated, maxCreatedBytes, ops) => {
          const store = createJobStore({ maxCreated, maxCreatedBytes, maxDeleted: 10 });
          const issued: CreatedJob[] = [];
          for (const o of ops) {
            if (o.kind === 'add') issued.push(store.add('openai', 5, sized(o.length)));
            else if (issued.length > 0) store.removeCreated('openai', issued[o.pick % issued.length]!.position);
            const kept = issued.filter((job) => store.get('openai', job.position) === job);
            expect(store.bytes()).toBe(kept.reduce((sum, job) => sum + job.bytes, 0));
            expect(store.size()).toBe(kept.length);
            // Within budget, unless the newest job alone is over it (it is always kept).
            if (kept.length > 1) expect(store.bytes()).toBeLessThanOrEqual(maxCreatedBytes);
            if (o.kind === 'add') expect(kept.at(-1)).toBe(issued.at(-1));
          }
          store.clear();
          expect(store.bytes()).toBe(0);
        }),
      );
    });
  });

  describe('a job that leaves', () => {
    /** Adds `count` jobs and returns only weak references to their records (the test must hold no job). */
    function addWeakly(store: JobStore, count: number): WeakRef<JobRecord>[] {
      return Array.from({ length: count }, () => new WeakRef(store.add('openai', 5, (position) => ({ ...record(position), prompt: 'x'.repeat(1000) })).record));
    }
    const alive = (refs: WeakRef<JobRecord>[]) => refs.filter((ref) => ref.deref() !== undefined).length;

    test('is unreachable at once when forgotten past the count cap, with no compaction in between', async () => {
      const store = createJobStore({ maxCreated: 100, maxDeleted: 10 });
      const first = addWeakly(store, 100);
      const later = addWeakly(store, 50); // forgets the first 50, one at a time (1% of the cap)
      await collectGarbage();
      expect(alive(first)).toBe(50);
      expect(alive(later)).toBe(50);
      expect(store.size()).toBe(100);
    });

    test('is unreachable at once when forgotten past the byte budget', async () => {
      const store = createJobStore({ maxCreated: 1000, maxCreatedBytes: 20 * (CREATED_JOB_FIXED_BYTES + 2100), maxDeleted: 10 });
      const refs = addWeakly(store, 200);
      await collectGarbage();
      expect(alive(refs)).toBe(store.size());
      expect(store.size()).toBeLessThanOrEqual(20);
    });

    test('is unreachable at once when deleted', async () => {
      const store = createJobStore({ maxCreated: 1000, maxDeleted: 10 });
      const refs = addWeakly(store, 10);
      for (const position of [...store.ledger('openai', 5).created].slice(0, 6)) store.removeCreated('openai', position);
      await collectGarbage();
      expect(alive(refs)).toBe(4);
    });
  });
});
