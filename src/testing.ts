/**
 * Helpers for users' own test suites (jest, vitest, node:test), from ESM or CommonJS:
 * `import { startServer, validateResponse, verifyServer } from 'video-jobs-mock/testing'` or
 * `require('video-jobs-mock/testing')`. Nothing here awaits at load time, so `require()` of
 * this ES module works (Node 20.19+); the spec is read on the first validateResponse call.
 */
import { compileContract, type Contract, type ValidationResult } from './core/openapi/compileContract.js';
import { defaultSpecPath } from './files/defaultSpecPath.js';
import { loadSpecSync } from './files/loadSpecSync.js';

export { startServer, defaults, type RunningServer, type ServerOptions } from './hosts/express/startServer.js';
/** What startServer and validateResponse throw for a bad option or an unreadable spec: `instanceof ConfigError` tells it from a bug. */
export { ConfigError } from './core/errors/ConfigError.js';
export type { ValidationResult } from './core/openapi/compileContract.js';
export { verifyServer, type VerifyOptions } from './verify/verifyServer.js';
export { verifyDefaults } from './verify/verifyDefaults.js';
export type { CheckResult, CoverageRow, VerifyReport } from './verify/CheckResult.js';
export { reportText } from './verify/reportText.js';
export { reportJunit } from './verify/reportJunit.js';
export { reportJson } from './verify/reportJson.js';

export interface ValidateOptions {
  /** Judge against this OpenAPI 3.1 document (YAML or JSON) instead of the bundled openapi.yaml. */
  specPath?: string;
}

const contracts = new Map<string, Contract>();

function contractFor(specPath: string): Contract {
  let contract = contracts.get(specPath);
  if (!contract) contracts.set(specPath, (contract = compileContract(loadSpecSync(specPath))));
  return contract;
}

/**
 * Judges a response body against the schema the spec declares for this operation and status.
 * `problems` reads like `$.data.0.status: must be one of queued, in_progress, ...`. A spec that
 * cannot be read throws a ConfigError naming the file.
 */
export function validateResponse(operationId: string, status: number, body: unknown, options: ValidateOptions = {}): ValidationResult {
  const specPath = options.specPath ?? defaultSpecPath;
  const contract = contractFor(specPath);
  const operation = contract.operations.get(operationId);
  if (!operation) {
    const name = options.specPath ?? 'openapi.yaml';
    return { valid: false, problems: [`no operation ${operationId} in ${name} (known: ${[...contract.operations.keys()].join(', ')})`] };
  }
  return operation.validateResponse(status, body);
}
