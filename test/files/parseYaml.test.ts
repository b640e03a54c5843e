import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { parseYaml } from '../../src/files/parseYaml.js';

describe('parseYaml (the spec reader)', () => {
  test('reads the bundled openapi.yaml exactly as the `yaml` package (which the console uses) does', () => {
    const text = readFileSync(defaultSpecPath, 'utf8');
    expect(parseYaml(text)).toEqual(parse(text));
  });

  test.each([
    ['YAML 1.2 core scalars', 'a: yes\nb: 2026-01-15\nc: 0o17\nd: ~\ne: .inf\nf: "1"\n'],
    ['JSON', '{"a": [1, 2.5, null, true], "b": {"c": "d"}}'],
    ['a block scalar and a flow mapping', 'a: |\n  two\n  lines\nb: {c: 1, d: [x, y]}\n'],
    ['an empty document', ''],
    ['a document of comments only', '# nothing yet\n'],
  ])('reads %s as `yaml` does', (_name, text) => {
    expect(parseYaml(text)).toEqual(parse(text));
  });

  test('refuses a document of many aliases (a "billion laughs") and a duplicate key', () => {
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseYaml(laughs)).toThrow(/alias/i);
    expect(() => parseYaml('a: 1\na: 2\n')).toThrow(/duplicate/i);
    expect(() => parseYaml('a: 1\n---\nb: 2\n')).toThrow('2 YAML documents in one file');
  });
});
