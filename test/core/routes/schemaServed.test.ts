import { schemaServed, GENERATED_BODIES_KEPT } from '../../../src/core/routes/schemaServed.js';
import { compileContract } from '../../../src/core/openapi/compileContract.js';
import { loadSpec } from '../../../src/files/loadSpec.js';
import { createSchemaSampler } from '../../../src/core/openapi/sampleSchema.js';
import { writeSpecVariant } from '../../support/specVariant.js';

const specPath = writeSpecVariant('schema-served-unit', (doc) => {
  doc.paths['/v1/notes/{note_id}'] = {
    get: {
      operationId: 'getNote',
      parameters: [{ name: 'note_id', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } }],
      responses: {
        '200': {
          description: 'a note',
          content: { 'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 5 } } } } },
        },
      },
    },
  };
});

describe('schemaServed', () => {
  test(`keeps the last ${GENERATED_BODIES_KEPT} generated bodies, frozen; older ones are made again, equal`, async () => {
    const operation = compileContract(await loadSpec(specPath)).operations.get('getNote')!;
    const serve = schemaServed(operation, createSchemaSampler(1));
    const bodyFor = (id: number) => serve({ params: { note_id: id } }).body;
    const first = bodyFor(0);
    expect(Object.isFrozen(first)).toBe(true);
    expect(bodyFor(0)).toBe(first); // kept: the same object, judged and serialized once
    for (let id = 1; id <= GENERATED_BODIES_KEPT; id++) bodyFor(id);
    const again = bodyFor(0);
    expect(again).not.toBe(first); // evicted by the cap
    expect(again).toEqual(first); // and made again from the same seed
    expect(bodyFor(GENERATED_BODIES_KEPT)).toBe(bodyFor(GENERATED_BODIES_KEPT));
  });
});
