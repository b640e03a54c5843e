// Copies the console's static files (HTML, CSS, icons) next to its compiled scripts in
// dist/console; `npm run build` runs it after tsc.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(import.meta.resolve('./static/'));
const to = fileURLToPath(import.meta.resolve('../../dist/console/'));
cpSync(from, to, { recursive: true });
