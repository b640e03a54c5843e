import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ready-made scenarios shipped in fixtures/scenarios (two levels up from src/ or dist/). */
export const bundledScenariosDir = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));

export interface ScenarioFile {
  name: string;
  /** The file's leading comment, which says what the scenario rehearses. */
  description: string;
  text: string;
}

/** Reads the bundled scenarios (a handful of small files) each time: nothing kept in memory. */
export async function listScenarios(dir = bundledScenariosDir): Promise<ScenarioFile[]> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$|\.json$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      const description = text
        .split('\n')
        .filter((line, i, lines) => line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#')))
        .map((line) => line.replace(/^#\s?/, ''))
        .join(' ');
      return { name, description, text };
    }),
  );
}
