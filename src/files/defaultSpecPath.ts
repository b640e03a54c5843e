import { fileURLToPath } from 'node:url';

/** The openapi.yaml shipped at the package root (two levels up from src/files or dist/files). */
export const defaultSpecPath = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
