import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('../../src/core', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file imports (static and dynamic), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
}

describe('the core is host-free (it runs under Express, a fetch handler and MSW in a browser)', () => {
  const files = sources(core);

  test('it has files to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(files.map((file) => [relative(core, file), file]))('%s imports no Node module, host library or host folder', (_name, file) => {
    const forbidden = importsOf(file).filter(
      (module) =>
        module.startsWith('node:') ||
        ['fs', 'path', 'http', 'net', 'os', 'crypto', 'url', 'stream', 'express', 'cors', 'multer', 'chokidar', 'yaml'].includes(module) ||
        /\/(hosts|files|cli|verify|console)\//.test(module),
    );
    expect(forbidden).toEqual([]);
  });
});
