// Builds the console into dist/console (run by `npm run build`): its TypeScript bundled by
// esbuild into one script per page (one request, not a waterfall of imports), and its static
// files (HTML, CSS, icon) copied beside them. Type checking is `npm run typecheck`'s job.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(import.meta.resolve(path));
const outdir = here('../../dist/console/');

await build({
  entryPoints: [here('./main.ts'), here('./docs.ts')],
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  charset: 'utf8',
  logLevel: 'warning',
});
cpSync(here('./static/'), outdir, { recursive: true });
