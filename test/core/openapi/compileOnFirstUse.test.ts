import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { compileOnFirstUse } from '../../../src/core/openapi/compileOnFirstUse.js';

describe('compileOnFirstUse', () => {
  test('compiles on the first call only, and answers and leaves its errors as the compiled validator does', () => {
    let compiles = 0;
    const validate = compileOnFirstUse((): ValidateFunction => {
      compiles += 1;
      return new Ajv2020().compile({ type: 'integer', minimum: 1 });
    });
    expect(compiles).toBe(0);
    expect(validate(0)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'minimum' });
    expect(validate(3)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(compiles).toBe(1);
  });
});
