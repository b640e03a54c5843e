import type { Ajv2020 } from 'ajv/dist/2020.js';
import { compileFailure } from './compileFailure.js';
import type { SpecDocument } from './SpecDocument.js';

/**
 * A recursive schema keeps the `$ref` that closes its cycle (see dereferenceLocal); an ajv
 * instance resolves it by name. Another contract compiled since (the bundled one, a reload) may
 * have replaced the names, so a contract registers its own again before any compile.
 */
export function registerCycles(instance: Ajv2020, spec: SpecDocument): void {
  for (const [ref, target] of spec.cycles) {
    const current = instance.schemas[ref];
    if (current?.schema === target) continue;
    if (current || instance.refs[ref]) instance.removeSchema(ref);
    try {
      instance.addSchema(target, ref);
    } catch (error) {
      throw compileFailure(spec.path, ref.slice(2).replace(/\//g, '.'), error);
    }
  }
}
