/** fixtures/providers.json as written at build time by scripts/bundleInputs.ts (unchecked: parseProviderCatalog checks it). */
declare const providerCatalog: unknown;
export default providerCatalog;
