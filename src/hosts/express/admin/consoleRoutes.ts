import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Response, Router } from 'express';
import type { LoadedSpec } from '../../../files/loadSpec.js';

/**
 * The built console (dist/console, made by `npm run build`), four levels up from src/hosts/express/admin or
 * dist/hosts/express/admin alike, so tests running the sources serve the same files the package ships.
 */
export const consoleDir = fileURLToPath(new URL('../../../../dist/console/', import.meta.url));

const require = createRequire(import.meta.url);
/** Swagger UI and the YAML parser are served from the installed packages: no CDN, works offline. */
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const yamlBrowserDir = join(dirname(require.resolve('yaml/package.json')), 'browser', 'dist');

/** Paths under /__mock that are the console's own static files (no data, no secrets). */
export function isConsoleAsset(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/' || path === '/docs' || path.startsWith('/console/') || path.startsWith('/docs/');
}

// The pages load only what the package serves: a page that tried the network would fail here.
const pagePolicy =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'self'";

const staticOptions = { fallthrough: true, index: false, redirect: false, maxAge: 0 } as const;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The console's own files (a handful, ~50 KB), read on first use and then answered from memory:
 * the console loads in one round trip of small answers. Nothing is read at startup.
 */
function consoleFiles() {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  return (name: string) => {
    if (!/^[\w-]+\.(html|js|css|svg)$/.test(name)) return Promise.resolve(undefined);
    let file = cache.get(name);
    if (!file) {
      // Only files that exist are kept, so made-up names cannot grow the cache.
      file = readFile(join(consoleDir, name)).catch(() => {
        cache.delete(name);
        return undefined;
      });
      cache.set(name, file);
    }
    return file;
  };
}

/**
 * The web console (`/__mock/`), the API reference (`/__mock/docs`, Swagger UI), and the spec in
 * force as YAML and JSON. Nothing here runs for the API's own routes.
 */
export function consoleRoutes(spec: () => LoadedSpec): Router {
  const router = Router();
  const files = consoleFiles();
  // `.then(ok, next)` would not catch a throw in `ok` (an unhandled rejection, which ends the
  // process): `.catch(next)` hands every error to Express's error handler.
  const send = (name: string, res: Response, next: NextFunction, isPage = false) => {
    files(name)
      .then((body) => {
        if (!body) return next();
        if (isPage) {
          res.setHeader('Content-Security-Policy', pagePolicy);
          // The same rule for browsers that predate CSP's frame-ancestors: no framing by other sites.
          res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        }
        res.setHeader('Cache-Control', 'no-cache');
        res.type(types[extname(name)] ?? 'application/octet-stream').send(body);
      })
      .catch(next);
  };
  router.get('/', (_req, res, next) => send('index.html', res, next, true));
  router.get('/docs', (_req, res, next) => send('docs.html', res, next, true));
  router.use('/console/vendor/yaml', express.static(yamlBrowserDir, staticOptions));
  router.get('/console/:file', (req, res, next) => send(String(req.params['file']), res, next));
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
    router.get(`/docs/${file}`, (_req, res) => res.sendFile(join(swaggerUiDir, file)));
  }
  // The spec is read from what the server holds at the time of the request, never a copy
  // taken at startup, so a reloaded spec shows at once.
  router.get('/openapi.yaml', (_req, res, next) => {
    const { text } = spec();
    if (!looksLikeJson(text)) {
      res.type('application/yaml; charset=utf-8').send(text);
      return;
    }
    loadYaml().then(({ parse, stringify }) => res.type('application/yaml; charset=utf-8').send(stringify(parse(text))), next);
  });
  router.get('/openapi.json', (_req, res, next) => {
    const { text } = spec();
    loadYaml().then(({ parse }) => res.type('application/json; charset=utf-8').send(JSON.stringify(parse(text), null, 2)), next);
  });
  return router;
}

/** The YAML library, loaded when the spec is first asked for as YAML or JSON: a start needs none of it. */
const loadYaml = () => import('yaml');

function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}
