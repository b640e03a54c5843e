import { compileContract } from '../../../src/core/openapi/compileContract.js';
import { findExtraFields } from '../../../src/core/openapi/findExtraFields.js';
import { loadSpec } from '../../../src/files/loadSpec.js';
import { loadRuntime } from '../../../src/files/loadRuntime.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { defaultCatalogPath } from '../../../src/files/loadProviderCatalog.js';
import { writeSpecVariant } from '../../support/specVariant.js';

const listSchema = async (path: string) => {
  const contract = compileContract(await loadSpec(path));
  return contract.operations.get('listVideos')!.responseSchemas.get('200')!;
};

describe('findExtraFields', () => {
  test('the bundled spec against itself has no extra fields, so the list does no extra work', async () => {
    const bundled = await listSchema(defaultSpecPath);
    expect(findExtraFields(bundled, bundled)).toEqual([]);
    const runtime = await loadRuntime({ specPath: defaultSpecPath, providersPath: defaultCatalogPath }, { seed: 1, jobs: 5, now: 1768478400 });
    expect(runtime.extraFields.size).toBe(0);
  });

  test('new properties at any depth, and properties made required, are found with where they live', async () => {
    const path = writeSpecVariant('find-extras', (doc) => {
      const video = doc.components.schemas['Video']!;
      video.properties['thumbnail_url'] = { type: 'string', format: 'uri' };
      video.required = [...video.required!, 'thumbnail_url', 'expires_at'];
      doc.components.schemas['VideoError']!.properties['retryable'] = { type: 'boolean' };
      doc.components.schemas['ListExtraFields']!.properties['region'] = { type: 'string' };
    });
    const slots = findExtraFields(await listSchema(path), await listSchema(defaultSpecPath));
    const described = slots.map((s) => `${[...s.at, s.name].join('.')}${s.required ? ' (required)' : ''}`).sort();
    expect(described).toEqual([
      'data.*.error.retryable',
      'data.*.expires_at (required)',
      'data.*.thumbnail_url (required)',
      'extra_fields.region',
    ]);
  });

  test('a property of a schema the known one lacks entirely is one slot, not one per nested field', () => {
    const served = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } }, required: ['a'] };
    expect(findExtraFields(served, { type: 'object', properties: {} })).toEqual([
      { at: [], name: 'a', schema: served.properties.a, required: true },
    ]);
  });
});
