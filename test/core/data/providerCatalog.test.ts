import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { loadProviderCatalog } from '../../../src/files/loadProviderCatalog.js';

const dir = mkdtempSync(join(tmpdir(), 'vjm-catalog-'));
const model = { id: 'm', weight: 1, sizes: ['1280x720'], seconds: ['4'] };
const write = (name: string, providers: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ providers }));
  return path;
};

describe('the operation matrix in the provider catalog', () => {
  test('the bundled catalog holds the gateway matrix', async () => {
    const catalog = await loadProviderCatalog();
    const operations = Object.fromEntries(catalog.providers.map((p) => [p.name, p.operations]));
    expect(operations['openai']).toHaveLength(6);
    expect(operations['azure']).not.toContain('video_remix');
    expect(operations['gemini']).toEqual(['video_generation', 'video_retrieve', 'video_download']);
    expect(operations['runway']).toContain('video_delete');
    expect(operations['runway']).not.toContain('video_list');
  });

  test('a provider without operations supports everything but the list, and the list when canList', async () => {
    const catalog = await loadProviderCatalog(write('old.json', [{ name: 'a', canList: true, models: [model] }, { name: 'b', canList: false, models: [model] }]));
    expect(catalog.providers[0]!.operations).toContain('video_list');
    expect(catalog.providers[1]!.operations).toEqual(['video_generation', 'video_retrieve', 'video_download', 'video_delete', 'video_remix']);
  });

  test.each([
    ['operations and canList disagree', [{ name: 'a', canList: false, operations: ['video_list'], models: [model] }], /\$\.providers\.0\.operations: lists video_list but canList is false/],
    ['an unknown operation', [{ name: 'a', canList: false, operations: ['video_edit'], models: [model] }], /operations/],
  ])('%s is a ConfigError naming the file', async (_name, providers, message) => {
    const path = write('bad.json', providers);
    const error = await loadProviderCatalog(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(message);
  });
});
