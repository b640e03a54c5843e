import type { LocaleDefinition } from '@faker-js/faker';

/** Faker's English definitions at DATASET_WORDS only, written at build time by scripts/bundleInputs.ts. */
declare const englishWords: LocaleDefinition;
export default englishWords;
