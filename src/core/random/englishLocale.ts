import { faker } from '@faker-js/faker/locale/en';
import type { FakerLocale } from './createFaker.js';

/**
 * Faker's whole English locale (~7 MB in memory, ~150 KB gzipped in a bundle): what `x-faker`
 * methods of a user's spec may draw from. Node hosts use it; a browser bundle loads it only
 * when a spec asks for words the seeded data does not use (see datasetWords).
 */
export const englishLocale: FakerLocale = faker.rawDefinitions;
