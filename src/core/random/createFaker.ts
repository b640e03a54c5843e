import type { Faker, FakerOptions, LocaleDefinition, Randomizer } from '@faker-js/faker';
import { faker as baseFaker } from '@faker-js/faker/locale/base';

/**
 * The words a Faker draws from: faker's English (`englishLocale`) in Node hosts, or only the
 * definitions the seeded data uses (datasetWords) where bytes count, as in a browser bundle.
 * The same seed draws the same values from either, as long as the definitions a method reads
 * are there; a method whose definitions are missing throws.
 */
export type FakerLocale = LocaleDefinition;

// Every faker entry point exports an instance of one class. `locale/base` is its smallest
// (no words): the package root would load all 70 locales (~35 MB) in Node.
const FakerClass = baseFaker.constructor as new (options: FakerOptions) => Faker;

/** A Faker over `locale` (with faker's locale-free base definitions under it). */
export function createFaker(locale: FakerLocale, randomizer?: Randomizer): Faker {
  return new FakerClass({ locale: [locale, baseFaker.rawDefinitions], ...(randomizer && { randomizer }) });
}

/** A Faker with no words at all: enough to ask whether a method exists. */
export const wordlessFaker: Faker = baseFaker;
