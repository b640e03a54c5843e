import { compileContract } from '../../../src/core/openapi/compileContract.js';
import { defaultSpecPath } from '../../../src/files/defaultSpecPath.js';
import { loadSpec } from '../../../src/files/loadSpec.js';
import { readParameters } from '../../../src/core/openapi/readParameters.js';
import { MockError } from '../../../src/core/errors/MockError.js';
import type { ParameterRule } from '../../../src/core/openapi/compileContract.js';

let rules: readonly ParameterRule[];
beforeAll(async () => {
  rules = compileContract(await loadSpec(defaultSpecPath)).operations.get('listVideos')!.parameters;
});

const read = (query: string) => readParameters(rules, { query: new URLSearchParams(query) });

describe('readParameters with the bundled spec', () => {
  test.each([
    ['provider=openai', { provider: 'openai', limit: 20, order: 'desc' }],
    ['provider=azure&limit=100&order=asc&after=video_x', { provider: 'azure', limit: 100, order: 'asc', after: 'video_x' }],
    ['provider=openai&limit=1&unknown=1', { provider: 'openai', limit: 1, order: 'desc' }],
  ])('%s -> %j', (query, expected) => {
    expect(read(query)).toEqual(expected);
  });

  test.each([
    ['', 'provider', 'provider query parameter is required'],
    ['provider=', 'provider', 'provider query parameter is required'],
    ['provider=openai&limit=abc', 'limit', 'invalid limit parameter: must be an integer'],
    ['provider=openai&limit=1.5', 'limit', 'invalid limit parameter: must be an integer'],
    ['provider=openai&limit=', 'limit', 'invalid limit parameter: must be an integer'],
    ['provider=openai&limit=0', 'limit', 'invalid limit parameter: must be >= 1'],
    ['provider=openai&limit=101', 'limit', 'invalid limit parameter: must be <= 100'],
    ['provider=openai&limit=99999999999999999999', 'limit', 'invalid limit parameter: must be an integer'],
    ['provider=openai&order=up', 'order', 'invalid order parameter: must be one of asc, desc'],
    ['provider=openai&after=', 'after', 'invalid after parameter: must not be empty'],
    ['provider=openai&limit=1&limit=2', 'limit', 'invalid limit parameter: must be given at most once'],
    ['provider=openai&provider=azure', 'provider', 'invalid provider parameter: must be given at most once'],
  ])('%s is a 400 naming %s', (query, param, message) => {
    let thrown: unknown;
    try {
      read(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockError);
    const error = thrown as MockError;
    expect(error.status).toBe(400);
    expect(error.detail.param).toBe(param);
    expect(error.detail.message).toBe(message);
  });
});
