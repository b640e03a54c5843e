import fc from 'fast-check';
import { type ProviderCatalog } from '../../../src/core/data/providerCatalog.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { listVideos } from '../../../src/core/routes/listVideos.js';
import type { VideoList } from '../../../src/core/openapi/payloads.js';
import { makeWorld } from '../../support/world.js';

let catalog: ProviderCatalog;
beforeAll(async () => {
  catalog = await loadProviderCatalog();
});

describe('walking listVideos pages by last_id', () => {
  test('visits every job once, in created_at order, with consistent first_id, last_id and has_more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('asc', 'desc'),
        fc.constantFrom('openai', 'azure'),
        fc.boolean(),
        (seed, jobsPerProvider, limit, order, provider, stripSuffix) => {
          const world = makeWorld({ seed, jobsPerProvider, now: 1768478400, catalog });
          const ids: string[] = [];
          const times: number[] = [];
          let after: string | undefined;
          for (let pages = 0; ; pages++) {
            expect(pages).toBeLessThanOrEqual(jobsPerProvider + 1);
            const params = { provider, limit, order, ...(after !== undefined && { after }) };
            const body = listVideos({ params, world, elapsedMs: () => 0 }).body as VideoList;
            if (body.data.length === 0) {
              expect(body.first_id).toBeUndefined();
              expect(body.last_id).toBeUndefined();
            } else {
              expect(body.first_id).toBe(body.data[0]!.id);
              expect(body.last_id).toBe(body.data[body.data.length - 1]!.id);
            }
            ids.push(...body.data.map((v) => v.id));
            times.push(...body.data.map((v) => v.created_at));
            if (!body.has_more) break;
            expect(body.data).toHaveLength(limit);
            after = stripSuffix ? body.last_id!.replace(`:${provider}`, '') : body.last_id;
          }
          expect(ids).toHaveLength(jobsPerProvider);
          expect(new Set(ids).size).toBe(jobsPerProvider);
          const sorted = [...times].sort((a, b) => (order === 'asc' ? a - b : b - a));
          expect(times).toEqual(sorted);
        },
      ),
      { numRuns: 60 },
    );
  });
});
