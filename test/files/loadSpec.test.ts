import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../../src/core/errors/ConfigError.js';
import { defaultSpecPath } from '../../src/files/defaultSpecPath.js';
import { loadSpec } from '../../src/files/loadSpec.js';
import { VALIDATED_SPEC_SHA256 } from '../../src/files/validatedSpecDigest.js';

const dir = mkdtempSync(join(tmpdir(), 'vjm-spec-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadSpec', () => {
  test('loads the bundled openapi.yaml with every $ref resolved', async () => {
    const { document } = await loadSpec(defaultSpecPath);
    const operation = document.paths?.['/v1/videos']?.get;
    expect(operation?.operationId).toBe('listVideos');
    expect(JSON.stringify(document)).not.toContain('$ref');
  });

  test('the bundled openapi.yaml is a valid OpenAPI 3.1 document, and the digest that lets startup skip that check is its own', async () => {
    const { compileErrors, validate } = await import('@readme/openapi-parser');
    const text = readFileSync(defaultSpecPath, 'utf8');
    const result = await validate(parse(text) as Parameters<typeof validate>[0]);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    const digest = createHash('sha256').update(text).digest('hex');
    // On a change of openapi.yaml: once it is valid, put this digest in src/files/validatedSpecDigest.ts.
    expect(`VALIDATED_SPEC_SHA256 = '${digest}'`).toBe(`VALIDATED_SPEC_SHA256 = '${VALIDATED_SPEC_SHA256}'`);
  });

  test('a copy of the bundled spec with anything changed is checked in full', async () => {
    const path = write('edited.yaml', `${readFileSync(defaultSpecPath, 'utf8')}webhooks: 7\n`);
    await expect(loadSpec(path)).rejects.toThrow(/edited\.yaml: invalid OpenAPI document: .*webhooks/);
  });

  test.each([
    ['a missing file', () => join(dir, 'absent.yaml'), /absent\.yaml: cannot read the spec \(ENOENT\)/],
    ['broken YAML', () => write('broken.yaml', 'openapi: 3.1.0\npaths: [\n'), /broken\.yaml: not valid YAML or JSON/],
    ['a scalar document', () => write('scalar.yaml', '42\n'), /scalar\.yaml: not an OpenAPI document/],
    ['OpenAPI 3.0', () => write('old.yaml', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n'), /old\.yaml: expected an OpenAPI 3\.1 document, found openapi: "3\.0\.3"/],
    [
      'a document the OpenAPI schema rejects',
      () => write('invalid.yaml', 'openapi: 3.1.0\ninfo: {title: t}\npaths: {}\n'),
      /invalid\.yaml: invalid OpenAPI document: .*version/,
    ],
    [
      'a dangling $ref',
      () =>
        write(
          'dangling.yaml',
          readFileSync(defaultSpecPath, 'utf8').replace('"#/components/schemas/VideoList"', '"#/components/schemas/Nope"'),
        ),
      /dangling\.yaml: .*Nope/,
    ],
  ])('%s is one clear ConfigError naming the file', async (_name, path, message) => {
    const error = await loadSpec(path()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
