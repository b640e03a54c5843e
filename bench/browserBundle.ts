import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

/** Gzipped sizes (level 9, bytes) of a browser page that mocks the API with MSW. */
export interface BrowserBundleSizes {
  /** What the page loads at startup, msw/browser included. */
  startupGzip: number;
  /** The same, msw itself left out: what video-jobs-mock/msw adds to a page that has MSW already. */
  oursGzip: number;
  /** The media chunk, fetched on the first content request. */
  mediaGzip: number;
  /** Faker's whole English, fetched only for a spec whose `x-faker` calls need it. */
  englishGzip: number;
}

/** The page as README's browser setup builds it: the handlers given to MSW's worker. */
const ENTRY = `
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'video-jobs-mock/msw';
const { handlers, control } = createHandlers();
await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass' });
globalThis.control = control;
`;

/** `video-jobs-mock/...` from this checkout's build, as an installed package would resolve it. */
export function packagePlugin(root: string): Plugin {
  return {
    name: 'video-jobs-mock',
    setup(plugins) {
      plugins.onResolve({ filter: /^video-jobs-mock\/(fetch|msw)$/ }, (args) => ({ path: join(root, 'dist', 'hosts', args.path.slice('video-jobs-mock/'.length), 'index.js') }));
    },
  };
}

/**
 * Bundles that page with esbuild (ESM, minified, split into chunks as any modern bundler does)
 * from dist/, and sums the chunks it loads at startup: those its entry imports statically.
 */
export async function measureBrowserBundle(root: string): Promise<BrowserBundleSizes> {
  const startup = await bundle(root, false);
  const ours = await bundle(root, true);
  return { startupGzip: startup.startupGzip, oursGzip: ours.startupGzip, mediaGzip: startup.lazyGzip('mediaFiles'), englishGzip: startup.lazyGzip('/en') };
}

async function bundle(root: string, mswExternal: boolean) {
  const outdir = join(root, 'bench', 'results', 'browser-bundle');
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js', sourcefile: 'page.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'error',
    plugins: [packagePlugin(root)],
    ...(mswExternal && { external: ['msw', 'msw/*'] }),
  });
  const gzipOf = new Map(result.outputFiles.map((file) => [file.path, gzipSync(file.contents, { level: 9 }).length]));
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  const loaded = staticClosure(outputs, entry);
  const absolute = (path: string) => join(root, path);
  return {
    startupGzip: [...loaded].reduce((sum, path) => sum + gzipOf.get(absolute(path))!, 0),
    /** The one chunk that holds an input whose path contains `part`. */
    lazyGzip(part: string): number {
      const found = Object.entries(outputs).find(([path, output]) => !loaded.has(path) && Object.keys(output.inputs).some((input) => input.includes(part)));
      if (!found) throw new Error(`no lazy chunk holds ${part}`);
      return gzipOf.get(absolute(found[0]))!;
    },
  };
}

/** The entry and every chunk it imports statically, transitively: what loads before it runs. */
function staticClosure(outputs: Metafile['outputs'], entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return loaded;
}
