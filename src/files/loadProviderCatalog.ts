import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors/ConfigError.js';
import { parseProviderCatalog, type ProviderCatalog } from '../core/data/providerCatalog.js';

/** The catalog shipped with the package (two levels up from src/files or dist/files). */
export const defaultCatalogPath = fileURLToPath(new URL('../../fixtures/providers.json', import.meta.url));

/** Reads and checks a provider catalog; problems are ConfigErrors naming the file. */
export async function loadProviderCatalog(path = defaultCatalogPath): Promise<ProviderCatalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `${path}: ${code ? `cannot read the provider catalog (${code})` : `not valid JSON: ${(error as Error).message}`}`,
    );
  }
  return parseProviderCatalog(raw, path);
}
