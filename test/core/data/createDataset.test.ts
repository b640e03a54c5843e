import { createDataset, type Dataset } from '../../../src/core/data/createDataset.js';
import { type ProviderCatalog } from '../../../src/core/data/providerCatalog.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';
import { englishLocale } from '../../../src/core/random/englishLocale.js';
import type { Video } from '../../../src/core/openapi/payloads.js';
import { seededJobs } from '../../support/world.js';

const NOW = Date.UTC(2026, 0, 15, 12) / 1000;
let catalog: ProviderCatalog;
beforeAll(async () => {
  catalog = await loadProviderCatalog();
});

const make = (seed: number, jobsPerProvider = 250): Dataset =>
  createDataset({ seed, jobsPerProvider, now: NOW, catalog, locale: englishLocale });

const all = (dataset: Dataset, provider: string): Video[] => {
  const jobs = seededJobs(dataset, provider);
  return Array.from({ length: jobs.count }, (_, i) => jobs.jobAt(i));
};

describe('createDataset', () => {
  test('only providers that can list have jobs; unknown providers have neither', () => {
    const dataset = make(42);
    expect(dataset.jobs('openai')?.count).toBe(250);
    expect(dataset.jobs('azure')?.count).toBe(250);
    expect(dataset.jobs('gemini')).toBeUndefined();
    expect(dataset.profile('gemini')?.canList).toBe(false);
    expect(dataset.profile('nope')).toBeUndefined();
  });

  test('the same seed gives the same jobs, a different seed different ones', () => {
    expect(all(make(7), 'openai')).toEqual(all(make(7), 'openai'));
    const other = all(make(8), 'openai');
    const ids = new Set(all(make(7), 'openai').map((v) => v.id));
    expect(other.filter((v) => ids.has(v.id))).toHaveLength(0);
    expect(other.map((v) => v.prompt)).not.toEqual(all(make(7), 'openai').map((v) => v.prompt));
  });

  test('job i does not depend on how many jobs were generated before it', () => {
    const jobs = seededJobs(make(3), 'openai');
    const late = jobs.jobAt(200);
    jobs.jobAt(5);
    expect(jobs.jobAt(200)).toEqual(late);
  });

  test.each([1, 42, 99])('seed %i: every job keeps the gateway invariants', (seed) => {
    const dataset = make(seed);
    for (const provider of ['openai', 'azure']) {
      const videos = all(dataset, provider);
      const profile = dataset.profile(provider)!;
      const positions = new Map(videos.map((v, i) => [v.id, i]));
      expect(positions.size).toBe(videos.length);
      videos.forEach((v, i) => {
        expect(v.id).toMatch(new RegExp(`^video_[0-9a-f]{48}:${provider}$`));
        expect(v.object).toBe('video');
        const model = profile.models.find((m) => m.id === v.model);
        expect(model).toBeDefined();
        expect(model!.sizes).toContain(v.size);
        if (v.seconds !== null) expect(model!.seconds).toContain(v.seconds);
        expect(v.created_at).toBeLessThanOrEqual(NOW);
        if (i > 0) expect(v.created_at).toBeGreaterThanOrEqual(videos[i - 1]!.created_at);
        expect(v.progress === 100).toBe(v.status === 'completed');
        if (v.status === 'queued') expect(v.progress).toBe(0);
        const finished = v.status === 'completed' || v.status === 'failed';
        expect(v.completed_at !== undefined).toBe(finished);
        if (v.completed_at !== undefined) {
          expect(v.completed_at).toBeGreaterThanOrEqual(v.created_at);
          expect(v.completed_at).toBeLessThanOrEqual(NOW);
        }
        if (v.expires_at !== undefined) expect(v.expires_at).toBeGreaterThan(v.completed_at!);
        expect(v.error !== undefined).toBe(v.status === 'failed');
        if (v.remixed_from_video_id !== undefined) {
          const source = positions.get(v.remixed_from_video_id);
          expect(source).toBeDefined();
          expect(videos[source!]!.created_at).toBeLessThan(v.created_at);
        }
      });
    }
  });

  test('a default dataset has every status, remixes, and prompts that read like prompts', () => {
    const videos = all(make(42), 'openai');
    const statuses = new Set(videos.map((v) => v.status));
    expect([...statuses].sort()).toEqual(['completed', 'failed', 'in_progress', 'queued']);
    expect(videos.some((v) => v.remixed_from_video_id)).toBe(true);
    const prompts = videos.map((v) => v.prompt).filter(Boolean);
    expect(new Set(prompts).size).toBeGreaterThan(videos.length * 0.9);
    for (const prompt of prompts) expect(prompt).toMatch(/^[A-Z][\w-]*( [\w-]+)* of .+\.$|^.+\.$/);
  });

  test('positionOf maps every id back, with or without the provider suffix, and rejects others', () => {
    const dataset = make(42, 500);
    const openai = seededJobs(dataset, 'openai');
    const azure = dataset.jobs('azure')!;
    for (const position of [0, 1, 250, 499]) {
      const id = openai.jobAt(position).id;
      expect(openai.positionOf(id)).toBe(position);
      expect(openai.positionOf(id.replace(/:openai$/, ''))).toBe(position);
      expect(azure.positionOf(id)).toBeUndefined();
    }
    const id = openai.jobAt(10).id;
    expect(openai.positionOf(id.replace(/.(:openai)$/, (m, s) => (m[0] === '0' ? '1' : '0') + s))).toBeUndefined();
    expect(openai.positionOf('video_123')).toBeUndefined();
    expect(openai.positionOf('')).toBeUndefined();
    // A real id from a smaller dataset of the same seed points past this one's end.
    expect(make(42, 10).jobs('openai')!.positionOf(openai.jobAt(400).id)).toBeUndefined();
  });
});
