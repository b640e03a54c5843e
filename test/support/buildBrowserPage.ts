import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packagePlugin } from '../../bench/browserBundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a page as a modern bundler does for a user's app (ESM, split into chunks, minified,
 * ES2022 for top-level await), with this checkout's dist/ as `video-jobs-mock`. `define`
 * replaces expressions as Vite does (`import.meta.env.DEV`).
 */
export async function buildBrowserPage(entry: string, outdir: string, define?: Record<string, string>): Promise<void> {
  await build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
    ...(define && { define }),
    plugins: [packagePlugin(root)],
    nodePaths: [join(root, 'node_modules')],
  });
}
