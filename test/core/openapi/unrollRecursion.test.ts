import { Ajv2020 } from 'ajv/dist/2020.js';
import { dereferenceLocal } from '../../../src/core/openapi/dereferenceLocal.js';
import type { JsonSchema } from '../../../src/core/openapi/compileContract.js';
import { createSchemaSampler } from '../../../src/core/openapi/sampleSchema.js';
import { RECURSION_DEPTH, unrollRecursion } from '../../../src/core/openapi/unrollRecursion.js';

const fail = (problem: string): never => {
  throw new Error(problem);
};

/** A document whose Expr is a number or an operation on two required Exprs (a oneOf that can end). */
const raw = {
  components: {
    schemas: {
      Expr: {
        oneOf: [
          { type: 'object', required: ['op', 'left', 'right'], properties: { op: { enum: ['+', '*'] }, left: { $ref: '#/components/schemas/Expr' }, right: { $ref: '#/components/schemas/Expr' } } },
          { type: 'number' },
        ],
      },
    },
  },
};

describe('unrollRecursion', () => {
  const { document, cycles } = dereferenceLocal(structuredClone(raw), fail);
  const expr = (document as { components: { schemas: { Expr: JsonSchema } } }).components.schemas.Expr;

  test('a reference that closes a cycle is kept, and the document is finite', () => {
    expect([...cycles.keys()]).toEqual(['#/components/schemas/Expr']);
    expect(() => JSON.stringify(document)).not.toThrow();
    expect(JSON.stringify(document)).toContain('"$ref":"#/components/schemas/Expr"');
  });

  test('the unrolled copy has no reference left, and ends in the branch that can end', () => {
    const finite = unrollRecursion(expr);
    expect(JSON.stringify(finite)).not.toContain('$ref');
    expect(unrollRecursion(expr)).toBe(finite); // remembered
    // The top operation, then one more per reference followed, then a number.
    let operations = 0;
    let node = finite;
    while ((node['oneOf'] as JsonSchema[])[0]!['properties']) {
      operations++;
      node = ((node['oneOf'] as JsonSchema[])[0]!['properties'] as Record<string, JsonSchema>)['left']!;
    }
    expect(operations).toBe(RECURSION_DEPTH + 1);
    expect(node['oneOf']).toEqual([{ type: 'number' }]);
  });

  test('sampled values are valid for the recursive schema itself', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(cycles.get('#/components/schemas/Expr')!, '#/components/schemas/Expr');
    const validate = ajv.compile(expr);
    const sampler = createSchemaSampler(8);
    for (let i = 0; i < 30; i++) {
      const value = sampler.sample(expr, `expr-${i}`);
      expect(validate(value)).toBe(true);
    }
  });
});
