import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { checkOptionNames, optionNamesProblem } from '../../../src/core/settings/checkOptionNames.js';

const known = ['seed', 'jobs', 'baseUrl', 'faultsPath', 'renderSpeed'];

describe('checkOptionNames', () => {
  test('known names, and no options at all, pass', () => {
    expect(optionNamesProblem({ seed: 1, jobs: undefined }, known)).toBeUndefined();
    expect(optionNamesProblem(undefined, known)).toBeUndefined();
  });

  test.each([
    [{ sede: 1 }, 'unknown option "sede"; did you mean seed?'],
    [{ baseURL: 'x' }, 'unknown option "baseURL"; did you mean baseUrl?'],
    [{ faults: [] }, 'unknown option "faults"; did you mean faultsPath?'],
    [{ render_speed: 2 }, 'unknown option "render_speed"; did you mean renderSpeed?'],
    [{ port: 1 }, 'unknown option "port"; it takes seed, jobs, baseUrl, faultsPath, renderSpeed'],
    [null, 'the options must be an object, not null'],
    ['seed=1', 'the options must be an object, not "seed=1"'],
    [[1], 'the options must be an object, not an array'],
  ])('%j: %s', (options, problem) => {
    expect(optionNamesProblem(options, known)).toBe(problem);
  });

  test('as a ConfigError, the problem is prefixed with where the options were given', () => {
    expect(() => checkOptionNames('createHandlers', { sede: 1 }, known)).toThrow(ConfigError);
    expect(() => checkOptionNames('createHandlers', { sede: 1 }, known)).toThrow('createHandlers: unknown option "sede"; did you mean seed?');
  });
});
