import { compileContract, type JsonSchema } from '../../../src/core/openapi/compileContract.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { findErrorFields } from '../../../src/core/openapi/findErrorFields.js';
import { loadSpec } from '../../../src/files/loadSpec.js';
import { createSchemaSampler } from '../../../src/core/openapi/sampleSchema.js';
import { writeSpecVariant } from '../../support/specVariant.js';

describe('findErrorFields', () => {
  test('the bundled spec adds nothing to its errors, so nothing runs for them', async () => {
    const contract = compileContract(await loadSpec(defaultSpecPath));
    const known = contract.spec.document.components!.schemas!['BifrostError'] as JsonSchema;
    expect(findErrorFields(contract, known, createSchemaSampler(1))).toBeUndefined();
  });

  test("an operation's own error schema is completed for its statuses, other statuses as the spec's BifrostError", async () => {
    const known = compileContract(await loadSpec(defaultSpecPath)).spec.document.components!.schemas!['BifrostError'] as JsonSchema;
    const path = writeSpecVariant('teapot-error', (doc) => {
      const teapot = { type: 'object', required: ['tea'], properties: { tea: { const: 'earl grey' } } };
      const list = doc.paths['/v1/videos']!['get'] as { responses: Record<string, unknown> };
      list.responses['418'] = { description: 'teapot', content: { 'application/json': { schema: teapot } } };
    });
    const fields = findErrorFields(compileContract(await loadSpec(path)), known, createSchemaSampler(1))!;
    expect(fields.outside).toBeUndefined();
    const complete = fields.byOperation.get('listVideos')!;
    expect(complete(418, { is_bifrost_error: true, error: { message: 'x' } })).toMatchObject({ tea: 'earl grey' });
    expect(complete(400, { is_bifrost_error: true, error: { message: 'x' } })).not.toHaveProperty('tea');
    expect(fields.byOperation.has('createVideo')).toBe(false);
  });
});
