import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compileFailure } from '../../../src/core/openapi/compileFailure.js';

const exec = promisify(execFile);
const fetchHost = new URL('../../../dist/hosts/fetch/index.js', import.meta.url).href;

describe('compileFailure', () => {
  test('names the spec, the place and the cause', () => {
    const error = compileFailure('my.yaml', 'paths./v1/videos.get.parameters.limit', new Error('unknown format "int"'));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe('my.yaml: cannot compile the schema at paths./v1/videos.get.parameters.limit: unknown format "int"');
  });

  test('an engine that forbids code from strings (a strict Content-Security-Policy) gets told what to allow', () => {
    const error = compileFailure('openapi.yaml (bundled)', 'x', new EvalError('Evaluating a string as JavaScript violates the policy'));
    expect(error.message).toMatch(/violates the policy \(ajv compiles .* must allow 'unsafe-eval' in script-src\)$/);
  });
});

describe('where code generation is forbidden (as under a Content-Security-Policy without unsafe-eval)', () => {
  // Node's --disallow-code-generation-from-strings makes `new Function` throw the EvalError a
  // browser throws under such a policy.
  const script = `
    import { createFetchHandler } from ${JSON.stringify(fetchHost)};
    try { createFetchHandler(); console.log('made'); } catch (error) { console.log(error.name + ': ' + error.message); }
  `;

  test('making the mock throws one ConfigError that says what to allow, and ajv dumps no generated code', async () => {
    const { stdout, stderr } = await exec(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script]);
    expect(stdout.trim()).toMatch(/^ConfigError: openapi\.yaml \(bundled\): cannot compile the schema at paths\.\S+: .*'unsafe-eval' in script-src\)$/);
    expect(stderr).not.toContain('function code');
    expect(stderr).not.toContain('validate');
  }, 30_000);
});
