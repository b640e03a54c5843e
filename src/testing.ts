/**
 * Helpers for users' own jest/vitest suites: `import { startServer, validateResponse } from
 * 'video-jobs-mock/testing'`. The bundled openapi.yaml is loaded once, when this module loads.
 */
import { compileContract, type ValidationResult } from './spec/compileContract.js';
import { defaultSpecPath } from './spec/defaultSpecPath.js';
import { loadSpec } from './spec/loadSpec.js';

export { startServer, type RunningServer, type ServerOptions } from './startServer.js';
export type { ValidationResult } from './spec/compileContract.js';

const contract = compileContract(await loadSpec(defaultSpecPath));

/**
 * Judges a response body against the schema openapi.yaml declares for this operation and
 * status. `problems` reads like `$.data.0.status: must be one of queued, in_progress, ...`.
 */
export function validateResponse(operationId: string, status: number, body: unknown): ValidationResult {
  const operation = contract.operations.get(operationId);
  if (!operation) {
    return { valid: false, problems: [`no operation ${operationId} in openapi.yaml (known: ${[...contract.operations.keys()].join(', ')})`] };
  }
  return operation.validateResponse(status, body);
}
