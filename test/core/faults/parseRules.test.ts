import { parseRule, parseRules, RuleError } from '../../../src/core/faults/parseRules.js';

/** The error statuses openapi.yaml declares for listVideos. */
const statuses = [400, 401, 402, 403, 404, 429, 500, 502, 503, 504] as const;

/** Every preset name of src/core/faults/presets.ts, as a user reads them in the error message. */
const knownPresets = [
  'virtual_key_required',
  'virtual_key_not_found',
  'virtual_key_blocked',
  'budget_exceeded',
  'rate_limited',
  'provider_rate_limited',
  'provider_error',
  'bad_gateway',
  'provider_unavailable',
  'gateway_timeout',
  'unsupported_operation',
  'not_found',
  'reset',
  'empty',
  'hang',
  'slow:<ms>',
];

const refusal = (input: unknown): RuleError => {
  try {
    parseRules(input, statuses);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`expected a RuleError for ${JSON.stringify(input)}`);
};

describe('parseRules accepts', () => {
  test.each([
    ['a preset', { respond: { preset: 'rate_limited' } }],
    ['a network preset', { respond: { preset: 'hang' } }],
    ['a slow:<ms> preset', { respond: { preset: 'slow:250' } }],
    ['a custom declared status', { respond: { status: 503 } }],
    [
      'a custom status with every optional field',
      {
        respond: {
          status: 429,
          message: 'slow down',
          type: 'rate_limited',
          code: 'too_many',
          param: 'provider',
          is_bifrost_error: false,
          headers: { 'Retry-After': '3' },
        },
      },
    ],
    ['latency only', { latency: 150 }],
    ['a latency range', { latency: { min: 100, max: 200 } }],
    ['a latency range of one value', { latency: { min: 0, max: 0 } }],
    [
      'every match field at once',
      {
        name: 'all filters',
        match: {
          provider: ['openai', 'azure'],
          query: { order: 'asc' },
          headers: { 'X-Tenant': 'blue' },
          nth: 2,
          every: 1,
          first: 5,
          after: 0,
          probability: 1,
        },
        times: 3,
        respond: { preset: 'provider_error' },
        latency: 10,
      },
    ],
  ])('a rule with %s, unchanged', (_what, rule) => {
    expect(parseRules([rule], statuses)).toEqual([rule]);
  });

  test('undefined (an admin request whose body was not read as JSON) is refused, not read as "no rules"', () => {
    expect(() => parseRules(undefined, statuses)).toThrow(/no rules were sent/);
  });

  test('{"rules": null} is refused, not read as "no rules" (an empty scenario file is the loader\'s business)', () => {
    expect(() => parseRules({ rules: null }, statuses)).toThrow(/expected a list of rules/);
    expect(() => parseRules(null, statuses)).toThrow(/expected a list of rules/);
  });

  test('a bare list and an object with "rules" give the same rules, in order', () => {
    const rules = [{ respond: { preset: 'rate_limited' } }, { match: { provider: 'azure' }, latency: 5 }];
    expect(parseRules(rules, statuses)).toEqual(rules);
    expect(parseRules({ rules }, statuses)).toEqual(rules);
  });

  test.each([
    ['an empty list', []],
    ['an object with an empty "rules"', { rules: [] }],
  ])('%s as no rules', (_what, input) => {
    expect(parseRules(input, statuses)).toEqual([]);
  });
});

describe('parseRules refuses with a RuleError naming the rule index and the field', () => {
  const ok = { respond: { preset: 'hang' } };
  test.each([
    ['an unknown top-level field', [{ respond: { preset: 'hang' }, when: 'always' }], 0, 'when', /unknown field/],
    ['an unknown field inside match', [ok, { match: { providr: 'openai' }, latency: 1 }], 1, 'match.providr', /unknown field/],
    ['an unknown preset', [ok, ok, { respond: { preset: 'explode' } }], 2, 'respond.preset', /unknown preset "explode"/],
    ['a custom status the spec does not declare', [{ respond: { status: 418 } }], 0, 'respond.status', /418 is not declared/],
    ['a status below 400', [{ respond: { status: 200 } }], 0, 'respond.status', />= 400/],
    ['a status above 599', [ok, { respond: { status: 600 } }], 1, 'respond.status', /<= 599/],
    ['a latency range with min > max', [{ latency: { min: 500, max: 100 } }], 0, 'latency', /min 500 is greater than max 100/],
    ['a negative latency', [{ latency: -1 }], 0, 'latency', />= 0/],
    ['a probability above 1', [{ match: { probability: 1.5 }, respond: { preset: 'hang' } }], 0, 'match.probability', /<= 1/],
    ['nth 0', [ok, { match: { nth: 0 }, respond: { preset: 'hang' } }], 1, 'match.nth', />= 1/],
    ['times 0', [{ times: 0, respond: { preset: 'hang' } }], 0, 'times', />= 1/],
    ['a rule with neither respond, latency nor job', [ok, { match: { provider: 'openai' } }], 1, 'respond', /"respond", "latency" or "job"/],
    ['respond with neither preset nor status', [{ respond: {} }], 0, 'respond', /"preset" or "status"/],
    ['respond with both preset and status', [{ respond: { preset: 'hang', status: 503 } }], 0, 'respond.status', /unknown field/],
    ['a rule that is not an object', [ok, 'hang'], 1, '(rule)', /object/],
    ['an empty provider list', [{ match: { provider: [] }, respond: { preset: 'hang' } }], 0, 'match.provider', /fewer than 1 items/],
    ['a preset named like an Object property', [{ respond: { preset: 'toString' } }], 0, 'respond.preset', /unknown preset "toString"/],
    ['the preset "__proto__"', [{ respond: { preset: '__proto__' } }], 0, 'respond.preset', /unknown preset "__proto__"/],
    ['an empty name (DELETE /__mock/faults/ would name no rule)', [{ name: '', respond: { preset: 'hang' } }], 0, 'name', /cannot name a rule in a URL/],
    ['the name "."', [ok, { name: '.', respond: { preset: 'hang' } }], 1, 'name', /"\." cannot name a rule in a URL/],
    ['the name ".."', [{ name: '..', respond: { preset: 'hang' } }], 0, 'name', /"\.\." cannot name a rule in a URL/],
    ['a source that is neither app, console nor any', [{ match: { source: 'browser' }, respond: { preset: 'hang' } }], 0, 'match.source', /must be one of app, console, any/],
  ])('%s', (_what, input, index, field, reason) => {
    const error = refusal(input);
    expect(error.message.startsWith(`rule ${index}: `)).toBe(true);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(reason);
  });

  test('an unknown preset lists every known preset', () => {
    const error = refusal([{ respond: { preset: 'explode' } }]);
    for (const name of knownPresets) expect(error.message).toContain(name);
  });

  test('the status list in the message is the declared one', () => {
    expect(refusal([{ respond: { status: 418 } }]).message).toContain(statuses.join(', '));
  });

  test.each([
    ['a string', 'hang'],
    ['a number', 42],
    ['an object without "rules"', { respond: { preset: 'hang' } }],
    ['an object whose "rules" is not a list', { rules: { respond: { preset: 'hang' } } }],
  ])('%s, which is not a list of rules', (_what, input) => {
    expect(refusal(input).message).toMatch(/list of rules/);
  });
});

describe('parseRule', () => {
  test('names the index it is given, so a rule added after n others is "rule n"', () => {
    expect(() => parseRule({ latency: -5 }, statuses, 7)).toThrow(/^rule 7: latency/);
  });

  test('returns a valid rule as it is', () => {
    const rule = { match: { every: 3 }, respond: { status: 502 } };
    expect(parseRule(rule, statuses, 4)).toEqual(rule);
  });
});
