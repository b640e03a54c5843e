import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * A validator that compiles on its first call, and then behaves as the compiled one: it
 * returns its answer and leaves its `errors` on itself, as ajv's validators do. For specs
 * known to compile (see LoadedSpec.vetted), so most of a start is not spent compiling the
 * schemas of responses a run never sends.
 */
export function compileOnFirstUse(compileNow: () => ValidateFunction): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= compileNow();
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = undefined as ValidateFunction['errors'];
  return validate as ValidateFunction;
}
