import { createDataset, type Dataset } from '../../../src/core/data/createDataset.js';
import { DATASET_WORDS, pickDefinitions } from '../../../src/core/data/datasetWords.js';
import type { ProviderCatalog } from '../../../src/core/data/providerCatalog.js';
import { englishLocale } from '../../../src/core/random/englishLocale.js';
import type { FakerLocale } from '../../../src/core/random/createFaker.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';

const NOW = Date.UTC(2026, 0, 15, 12) / 1000;
let catalog: ProviderCatalog;
beforeAll(async () => {
  catalog = await loadProviderCatalog();
});

const records = (dataset: Dataset, provider: string) => {
  const jobs = dataset.jobs(provider)!;
  return Array.from({ length: jobs.count }, (_, i) => jobs.recordAt(i));
};
const make = (seed: number, locale: FakerLocale) => createDataset({ seed, jobsPerProvider: 3000, now: NOW, catalog, locale });

describe('the words the seeded data draws from', () => {
  test('a locale of only DATASET_WORDS draws the same jobs as faker’s whole English, seed after seed', () => {
    const words = pickDefinitions(englishLocale, DATASET_WORDS);
    for (const seed of [42, 7, 2 ** 32 - 1]) {
      for (const provider of ['openai', 'azure']) {
        expect(records(make(seed, words), provider)).toEqual(records(make(seed, englishLocale), provider));
      }
    }
  });

  test('every word listed is needed: without any one of them the prompts cannot be drawn', () => {
    for (const left of DATASET_WORDS) {
      const fewer = pickDefinitions(englishLocale, DATASET_WORDS.filter((word) => word !== left));
      expect(() => records(make(42, fewer), 'openai')).toThrow(/locale data/i);
    }
  });

  test('a path the locale lacks is named', () => {
    expect(() => pickDefinitions(englishLocale, ['person.no_such_words'])).toThrow('the locale has no person.no_such_words');
  });
});
