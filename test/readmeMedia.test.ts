import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_MEDIA_BYTES } from '../src/core/media/mediaLibrary.js';
import { defaultMediaDir } from '../src/files/loadMediaLibrary.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The text from `title` to the next `## ` heading, its line breaks and runs of spaces made one space. */
const section = (title: string) => readme.slice(readme.indexOf(title), readme.indexOf('\n## ', readme.indexOf(title) + 3)).replace(/\s+/g, ' ');
const names = readdirSync(defaultMediaDir);

describe('the README on the media', () => {
  test('states the shipped folder as measured: its file count and total size', () => {
    const total = names.reduce((sum, name) => sum + statSync(join(defaultMediaDir, name)).size, 0);
    const megabytes = (total / 1024 / 1024).toFixed(1);
    expect(section('### The media')).toContain(`\`fixtures/media\` (${names.length} files, ${megabytes} MB in all)`);
  });

  test('names the looks the folder holds, and how many', () => {
    const looks = [...new Set(names.map((name) => /-([a-z]+)\.mp4$/.exec(name)?.[1]).filter(Boolean))].sort();
    const text = section('### The media');
    const named = /one of (\w+) looks, ((?:`\w+`(?:, | and )?)+)/.exec(text);
    expect(named?.[1]).toBe(['zero', 'one', 'two', 'three', 'four', 'five', 'six'][looks.length]);
    expect([...named![2]!.matchAll(/`(\w+)`/g)].map((m) => m[1]).sort()).toEqual(looks);
  });

  test("the Limits row for the media folder states the code's cap", () => {
    const row = /\| media folder \([^|]*\| [^|]* \|/.exec(section('## Limits'))?.[0];
    expect(row).toMatch(new RegExp(`\\| ${MAX_MEDIA_BYTES / 1024 / 1024} MB \\|$`));
  });
});
