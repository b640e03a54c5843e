import type { FakerLocale } from '../random/createFaker.js';

/**
 * Every faker definition the seeded data reads (videoPrompt's subjects): a locale holding only
 * these draws the same jobs as faker's whole English, at a tenth of its size. A build step
 * writes them out for the browser bundle; a test holds this list to what the data reads.
 */
export const DATASET_WORDS = ['animal.type', 'color.human', 'person.first_name', 'person.sex', 'vehicle.type'] as const;

/** The definitions of `locale` at these dotted paths (`person.first_name`), and nothing else. */
export function pickDefinitions(locale: FakerLocale, paths: readonly string[]): FakerLocale {
  const picked: Record<string, Record<string, unknown>> = {};
  for (const path of paths) {
    const [module, entry] = path.split('.') as [string, string];
    const value = (locale as Record<string, Record<string, unknown> | undefined>)[module]?.[entry];
    if (value === undefined) throw new Error(`the locale has no ${path}`);
    (picked[module] ??= {})[entry] = value;
  }
  return picked as FakerLocale;
}
