import { Ajv2020 } from 'ajv/dist/2020.js';
import { catalogSchema } from '../../src/core/data/providerCatalog.js';
import { faultRuleSchema } from '../../src/core/faults/FaultRule.js';

// The server compiles these without checking them against the meta-schema (it halves the cost
// of a start); this is where they are checked.
describe("the mock's own JSON schemas", () => {
  test.each([
    ['the provider catalog', catalogSchema],
    ['a fault rule', faultRuleSchema],
  ])('%s schema is valid JSON Schema 2020-12 and compiles', (_name, schema) => {
    const ajv = new Ajv2020();
    expect(ajv.validateSchema(schema) ? [] : ajv.errors).toEqual([]);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
