import { ConfigError } from '../errors/ConfigError.js';

/**
 * ajv compiles each validator into a function with `new Function`. A page whose
 * Content-Security-Policy lacks 'unsafe-eval' (or Node's --disallow-code-generation-from-strings)
 * forbids that, and the engine throws an EvalError: say what to change, not only what failed.
 */
const NO_CODE_GENERATION_HINT =
  " (ajv compiles the spec's validators with new Function: a page's Content-Security-Policy must allow 'unsafe-eval' in script-src)";

/** Why a schema of the spec did not compile, naming the spec and the place in it. */
export function compileFailure(specPath: string, where: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof EvalError ? NO_CODE_GENERATION_HINT : '';
  return new ConfigError(`${specPath}: cannot compile the schema at ${where}: ${message}${hint}`);
}
