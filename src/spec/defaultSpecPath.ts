import { fileURLToPath } from 'node:url';

/** The openapi.yaml shipped at the package root (two levels up from src/spec or dist/spec). */
export const defaultSpecPath = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
