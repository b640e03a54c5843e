import englishWords from '../../bundled/englishWords.js';
import openapiText from '../../bundled/openapiText.js';
import providerCatalog from '../../bundled/providerCatalog.js';
import { parseProviderCatalog, type ProviderCatalog } from '../../core/data/providerCatalog.js';
import type { NamedMedia } from '../../core/media/mediaLibrary.js';
import type { FakerLocale } from '../../core/random/createFaker.js';
import type { SpecDocument } from '../../core/openapi/SpecDocument.js';
import { specFromObject } from './specFromObject.js';

/**
 * The package's own inputs, as modules written at build time (scripts/bundleInputs.ts): what a
 * host without a file system serves by default. The same modules load in Node.
 */
export function bundledSpec(): SpecDocument {
  return specFromObject(JSON.parse(openapiText) as unknown, 'openapi.yaml (bundled)', openapiText);
}

export function bundledCatalog(): ProviderCatalog {
  return parseProviderCatalog(providerCatalog, 'providers.json (bundled)');
}

/** Faker's English words the seeded data draws (DATASET_WORDS), and no others. */
export const bundledWords: FakerLocale = englishWords;

/** fixtures/media, from its own module (~3 MB): loaded only when this is first called. */
export async function loadBundledMedia(): Promise<NamedMedia[]> {
  const { default: files } = await import('../../bundled/mediaFiles.js');
  return files.map(([name, base64]) => ({ name, bytes: decodeBase64(base64) }));
}

/** atob is in every fetch-API runtime (browsers, workers, Node 16+, Deno, Bun). */
function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
