import type { FakerCall } from '../openapi/checkFakerPaths.js';
import { createFaker, type FakerLocale } from './createFaker.js';

/**
 * Whether each `x-faker` call of a spec draws only from `words` (the bundled few): a call that
 * needs others throws for lack of them, and is then answered from faker's whole English.
 */
export function drawsOnlyFrom(words: FakerLocale, calls: readonly FakerCall[]): boolean {
  const faker = createFaker(words);
  return calls.every(({ path, args }) => {
    const parts = path.split('.');
    const method = parts.pop()!;
    let owner: unknown = faker;
    for (const part of parts) owner = (owner as Record<string, unknown>)[part];
    try {
      (owner as Record<string, (...values: unknown[]) => unknown>)[method]!(...args);
      return true;
    } catch {
      return false;
    }
  });
}

/** Faker's whole English (~150 KB gzipped): a separate chunk in a bundle, fetched only when a spec needs it. */
export async function loadEnglish(): Promise<FakerLocale> {
  const { faker } = await import('@faker-js/faker/locale/en');
  return faker.rawDefinitions;
}
