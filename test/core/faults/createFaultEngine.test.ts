import { MockError } from '../../../src/core/errors/MockError.js';
import { createFaultEngine, type FaultDecision, type FaultEngine, type FaultEngineOptions } from '../../../src/core/faults/createFaultEngine.js';
import type { Latency } from '../../../src/core/faults/FaultRule.js';
import type { FaultRequest } from '../../../src/core/faults/matchRule.js';
import { parseRules, RuleError } from '../../../src/core/faults/parseRules.js';
import { declaredStatuses } from '../../../src/core/openapi/declaredStatuses.js';

/** The error statuses openapi.yaml declares for listVideos. */
const statuses = [400, 401, 402, 403, 404, 429, 500, 502, 503, 504] as const;
/** Everything listVideos declares, as its requests carry it. */
const listDeclared = declaredStatuses(['200', ...statuses.map(String), 'default']);

interface RequestInit {
  provider?: string;
  /** The statuses the request's operation declares (default: listVideos'). */
  declared?: readonly string[];
  query?: string;
  headers?: Record<string, string>;
}

/** A request as the HTTP layer hands it over; header() answers lower-case names only. */
const request = ({ provider, query = '', headers = {}, declared }: RequestInit = {}): FaultRequest => {
  const byName = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    ...(provider !== undefined && { provider }),
    declared: declared ? declaredStatuses(declared) : listDeclared,
    query: new URLSearchParams(query),
    header: (name) => byName.get(name),
  };
};

const openai = request({ provider: 'openai' });

const engineWith = (rules: unknown, options: Partial<Omit<FaultEngineOptions, 'rules'>> = {}): FaultEngine =>
  createFaultEngine({ rules: parseRules(rules, statuses), seed: 42, statuses, ...options });

/** What a decision does, in one comparable value: the status, the network fault, or null. */
const outcome = (decision: FaultDecision): number | string | null => {
  const { effect } = decision;
  if (!effect) return null;
  return effect.kind === 'error' ? effect.error.status : effect.kind;
};

const errorOf = (decision: FaultDecision): MockError => {
  const { effect } = decision;
  if (effect?.kind !== 'error') throw new Error(`expected an error effect, got ${JSON.stringify(effect)}`);
  expect(effect.error).toBeInstanceOf(MockError);
  return effect.error;
};

const run = (engine: FaultEngine, requests: readonly FaultRequest[]) => requests.map((r) => outcome(engine.decide(r)));
const times = (n: number, r: FaultRequest = openai) => Array.from({ length: n }, () => r);
const hits = (engine: FaultEngine, n: number, r: FaultRequest = openai) =>
  run(engine, times(n, r)).map((result) => result !== null);

describe('decide with no rules', () => {
  test('changes nothing and adds no latency when no latency is set', () => {
    const engine = engineWith([]);
    for (let i = 0; i < 5; i += 1) expect(engine.decide(openai)).toEqual({ latencyMs: 0 });
  });

  test('adds a fixed global latency to every request', () => {
    const engine = engineWith([], { latency: 120 });
    for (let i = 0; i < 5; i += 1) expect(engine.decide(openai)).toEqual({ latencyMs: 120 });
  });

  test('draws a global latency range as whole milliseconds within the bounds', () => {
    const engine = engineWith([], { latency: { min: 100, max: 200 } });
    const delays = Array.from({ length: 500 }, () => engine.decide(openai));
    for (const decision of delays) {
      expect(decision.effect).toBeUndefined();
      expect(Number.isInteger(decision.latencyMs)).toBe(true);
      expect(decision.latencyMs).toBeGreaterThanOrEqual(100);
      expect(decision.latencyMs).toBeLessThanOrEqual(200);
    }
    expect(new Set(delays.map((d) => d.latencyMs)).size).toBeGreaterThan(50);
  });

  test('a global latency range includes both of its ends', () => {
    const engine = engineWith([], { latency: { min: 0, max: 1 } });
    const delays = new Set(Array.from({ length: 200 }, () => engine.decide(openai).latencyMs));
    expect([...delays].sort()).toEqual([0, 1]);
  });
});

describe('decide with rules', () => {
  test.each([
    ['openai', 'openai', true],
    ['openai', 'azure', false],
    ['openai', undefined, false],
    [['openai', 'azure'], 'azure', true],
    [['openai', 'azure'], 'openai', true],
    [['openai', 'azure'], 'gemini', false],
  ])('match.provider %j and a request for %s -> applies: %s', (provider, requested, applies) => {
    const engine = engineWith([{ match: { provider }, respond: { preset: 'bad_gateway' } }]);
    expect(outcome(engine.decide(request({ provider: requested })))).toBe(applies ? 502 : null);
  });

  test.each([
    ['order=asc', true],
    ['order=asc&limit=5', true],
    ['order=desc', false],
    ['limit=5', false],
    ['', false],
  ])('match.query {order: asc} and ?%s -> applies: %s', (query, applies) => {
    const engine = engineWith([{ match: { query: { order: 'asc' } }, respond: { preset: 'bad_gateway' } }]);
    expect(outcome(engine.decide(request({ provider: 'openai', query })))).toBe(applies ? 502 : null);
  });

  test('match.query with two values needs both', () => {
    const engine = engineWith([{ match: { query: { order: 'asc', limit: '5' } }, respond: { preset: 'bad_gateway' } }]);
    expect(run(engine, [request({ query: 'order=asc' }), request({ query: 'limit=5' }), request({ query: 'limit=5&order=asc' })])).toEqual([
      null,
      null,
      502,
    ]);
  });

  test.each([
    [{ 'x-tenant': 'blue' }, true],
    [{ 'X-Tenant': 'blue' }, true],
    [{ 'X-TENANT': 'blue' }, true],
    [{ 'x-tenant': 'Blue' }, false],
    [{ 'x-tenant': 'green' }, false],
    [{}, false],
  ])('match.headers {X-Tenant: blue} (names case-insensitive, values exact) and headers %j -> applies: %s', (headers, applies) => {
    const engine = engineWith([{ match: { headers: { 'X-Tenant': 'blue' } }, respond: { preset: 'bad_gateway' } }]);
    expect(outcome(engine.decide(request({ provider: 'openai', headers })))).toBe(applies ? 502 : null);
  });

  test.each([
    [{ nth: 3 }, [false, false, true, false, false, false, false]],
    [{ every: 2 }, [false, true, false, true, false, true, false]],
    [{ every: 3 }, [false, false, true, false, false, true, false]],
    [{ first: 2 }, [true, true, false, false, false, false, false]],
    [{ after: 3 }, [false, false, false, true, true, true, true]],
    [{ after: 0 }, [true, true, true, true, true, true, true]],
    [{ after: 1, first: 3 }, [false, true, true, false, false, false, false]],
  ])('match %j over 7 requests -> %j', (match, expected) => {
    expect(hits(engineWith([{ match, respond: { preset: 'hang' } }]), 7)).toEqual(expected);
  });

  test('counting only counts the requests that pass the filters', () => {
    const engine = engineWith([{ match: { provider: 'openai', nth: 2 }, respond: { preset: 'hang' } }]);
    const azure = request({ provider: 'azure' });
    expect(run(engine, [openai, azure, azure, openai, openai])).toEqual([null, null, null, 'hang', null]);
  });

  test('times: a rule stops applying after N times and a later rule then gets the request', () => {
    const engine = engineWith([
      { times: 2, respond: { preset: 'rate_limited' } },
      { respond: { preset: 'provider_error' } },
    ]);
    expect(run(engine, times(5))).toEqual([429, 429, 500, 500, 500]);
  });

  test('times counts applications, not matches: a rule that skips by number is not spent', () => {
    const engine = engineWith([{ times: 2, match: { every: 2 }, respond: { preset: 'rate_limited' } }]);
    expect(run(engine, times(8))).toEqual([null, 429, null, 429, null, null, null, null]);
  });

  test('the first matching rule wins', () => {
    const a = { respond: { preset: 'bad_gateway' } };
    const b = { respond: { preset: 'gateway_timeout' } };
    expect(outcome(engineWith([a, b]).decide(openai))).toBe(502);
    expect(outcome(engineWith([b, a]).decide(openai))).toBe(504);
  });

  test('a rule whose filters fail lets the next rule have the request', () => {
    const engine = engineWith([
      { match: { provider: 'azure' }, respond: { preset: 'bad_gateway' } },
      { respond: { preset: 'gateway_timeout' } },
    ]);
    expect(run(engine, [openai, request({ provider: 'azure' })])).toEqual([504, 502]);
  });

  test('a decision is named after the rule, or "rule <index>" when the rule has no name', () => {
    const engine = engineWith([
      { name: 'azure down', match: { provider: 'azure' }, respond: { preset: 'provider_unavailable' } },
      { respond: { preset: 'hang' } },
    ]);
    expect(engine.decide(request({ provider: 'azure' })).name).toBe('azure down');
    expect(engine.decide(openai).name).toBe('rule 1');
  });

  test('a latency-only rule delays the response without changing it, on top of the global latency', () => {
    const engine = engineWith([{ latency: 300 }], { latency: 20 });
    expect(engine.decide(openai)).toEqual({ name: 'rule 0', latencyMs: 320 });
  });

  test('a rule latency range stays within its bounds', () => {
    const engine = engineWith([{ latency: { min: 300, max: 1200 } }]);
    for (let i = 0; i < 300; i += 1) {
      const { latencyMs } = engine.decide(openai);
      expect(latencyMs).toBeGreaterThanOrEqual(300);
      expect(latencyMs).toBeLessThanOrEqual(1200);
    }
  });

  test('a custom response becomes a MockError with its status, fields and headers', () => {
    const engine = engineWith([
      {
        respond: {
          status: 429,
          message: 'slow down',
          type: 'rate_limited',
          code: 'too_many',
          param: 'provider',
          is_bifrost_error: false,
          headers: { 'Retry-After': '7' },
        },
      },
    ]);
    const error = errorOf(engine.decide(openai));
    expect(error.status).toBe(429);
    expect(error.detail).toEqual({ message: 'slow down', type: 'rate_limited', code: 'too_many', param: 'provider', isBifrostError: false });
    expect(error.headers).toEqual({ 'Retry-After': '7' });
  });

  test('a custom response without a message still gets one naming the status', () => {
    const error = errorOf(engineWith([{ respond: { status: 503 } }]).decide(openai));
    expect(error.status).toBe(503);
    expect(error.detail.message).toContain('503');
  });

  test('a preset rule builds its error for the request provider', () => {
    const error = errorOf(engineWith([{ respond: { preset: 'unsupported_operation' } }]).decide(request({ provider: 'runway' })));
    expect(error.status).toBe(400);
    expect(error.detail.message).toContain('runway');
  });
});

describe('probability', () => {
  const flaky = (seed: number, probability = 0.5) =>
    engineWith([{ match: { probability }, respond: { preset: 'provider_unavailable' } }], { seed });

  test('the same seed gives the same sequence of decisions', () => {
    const first = hits(flaky(7), 200);
    expect(hits(flaky(7), 200)).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  test('another seed gives another sequence', () => {
    expect(hits(flaky(8), 200)).not.toEqual(hits(flaky(7), 200));
  });

  test('probability 0.1 hits about one request in ten', () => {
    const rate = hits(flaky(42, 0.1), 2000).filter(Boolean).length / 2000;
    expect(rate).toBeGreaterThanOrEqual(0.05);
    expect(rate).toBeLessThanOrEqual(0.15);
  });

  test.each([
    [0, false],
    [1, true],
  ])('probability %s -> always applies: %s', (probability, always) => {
    expect(hits(flaky(3, probability), 100)).toEqual(times(100).map(() => always));
  });
});

describe('X-Mock-Fault', () => {
  const asked = (preset: string, provider = 'openai') => request({ provider, headers: { 'X-Mock-Fault': preset } });

  test.each([
    ['virtual_key_required', 401],
    ['virtual_key_not_found', 401],
    ['virtual_key_blocked', 403],
    ['budget_exceeded', 402],
    ['rate_limited', 429],
    ['provider_rate_limited', 429],
    ['provider_error', 500],
    ['bad_gateway', 502],
    ['provider_unavailable', 503],
    ['gateway_timeout', 504],
    ['unsupported_operation', 400],
  ])('%s is a %i error named after the preset', (preset, status) => {
    const decision = engineWith([]).decide(asked(preset));
    expect(decision.name).toBe(preset);
    expect(errorOf(decision).status).toBe(status);
  });

  test('rate_limited is the gateway own 429, with Retry-After', () => {
    const error = errorOf(engineWith([]).decide(asked('rate_limited')));
    expect(error.headers['Retry-After']).toMatch(/^\d+$/);
    expect(error.detail.isBifrostError).not.toBe(false);
  });

  test('provider_rate_limited is the provider 429 passed through, with code rate_limit_exceeded', () => {
    const error = errorOf(engineWith([]).decide(asked('provider_rate_limited')));
    expect(error.status).toBe(429);
    expect(error.detail.isBifrostError).toBe(false);
    expect(error.detail.code).toBe('rate_limit_exceeded');
  });

  test('unsupported_operation names the provider of the request', () => {
    const error = errorOf(engineWith([]).decide(asked('unsupported_operation', 'replicate')));
    expect(error.detail.message).toContain('replicate');
  });

  test.each([
    ['reset', { kind: 'reset' }],
    ['empty', { kind: 'empty' }],
    ['hang', { kind: 'hang' }],
    ['slow:250', { kind: 'slow', ms: 250 }],
    ['slow:0', { kind: 'slow', ms: 0 }],
    ['  hang  ', { kind: 'hang' }],
  ])('%j is the network fault %j', (preset, effect) => {
    expect(engineWith([]).decide(asked(preset)).effect).toEqual(effect);
  });

  test('takes precedence over the rules, and the global latency still applies', () => {
    const engine = engineWith([{ respond: { preset: 'provider_error' } }], { latency: 15 });
    const decision = engine.decide(asked('bad_gateway'));
    expect(outcome(decision)).toBe(502);
    expect(decision.latencyMs).toBe(15);
  });

  test.each(['explode', 'slow:', 'slow:fast', 'RATE_LIMITED', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])('unknown preset %j is a 400 naming X-Mock-Fault', (preset) => {
    const error = errorOf(engineWith([{ respond: { preset: 'provider_error' } }]).decide(asked(preset)));
    expect(error.status).toBe(400);
    expect(error.detail.param).toBe('X-Mock-Fault');
    expect(error.detail.message).toContain(preset);
  });

  test('takes precedence over Prefer', () => {
    const decision = engineWith([]).decide(request({ headers: { 'X-Mock-Fault': 'hang', Prefer: 'code=429' } }));
    expect(outcome(decision)).toBe('hang');
  });
});

describe('Prefer: code=', () => {
  const prefer = (value: string) => request({ provider: 'openai', headers: { Prefer: value } });

  test.each([
    ['code=429', 429],
    ['code=503', 503],
    ['code=401', 401],
    ['return=minimal; code=504', 504],
    ['respond-async, code=402', 402],
  ])('%s gives that declared status', (value, status) => {
    expect(errorOf(engineWith([]).decide(prefer(value))).status).toBe(status);
  });

  test('code=429 is the rate_limited preset, with Retry-After', () => {
    expect(errorOf(engineWith([]).decide(prefer('code=429'))).headers['Retry-After']).toBeDefined();
  });

  test('takes precedence over the rules', () => {
    expect(outcome(engineWith([{ respond: { preset: 'hang' } }]).decide(prefer('code=502')))).toBe(502);
  });

  test.each(['code=418', 'code=302', 'code=505'])('%s, a status the spec does not declare, is a 400 naming Prefer', (value) => {
    const error = errorOf(engineWith([]).decide(prefer(value)));
    expect(error.status).toBe(400);
    expect(error.detail.param).toBe('Prefer');
    expect(error.detail.message).toContain(value.slice('code='.length));
  });

  test('code=200 asks for the normal response: no effect', () => {
    expect(engineWith([]).decide(prefer('code=200'))).toEqual({ latencyMs: 0 });
  });

  test('code=200 leaves the rules in force', () => {
    expect(outcome(engineWith([{ respond: { preset: 'hang' } }]).decide(prefer('code=200')))).toBe('hang');
  });
});

describe("Prefer: code= and custom statuses follow the requested operation's own statuses", () => {
  const on = (declared: readonly string[], value: string, operation = 'createThing') => ({
    ...request({ provider: 'openai', declared, headers: { Prefer: value } }),
    operation,
  });
  const thing = ['201', '409', '4XX', 'default'];

  test('a status the operation declares, with no preset of its own, is a BifrostError of that status', () => {
    const error = errorOf(engineWith([]).decide(on(thing, 'code=409')));
    expect(error.status).toBe(409);
    expect(error.detail.message).toContain('409');
  });

  test('a status inside a declared range (4XX) is honoured', () => {
    expect(errorOf(engineWith([]).decide(on(thing, 'code=422'))).status).toBe(422);
  });

  test("a status another operation declares but this one does not is a 400 naming Prefer and listing this operation's statuses", () => {
    const error = errorOf(engineWith([]).decide(on(['200', '404', 'default'], 'code=409', 'getThing')));
    expect(error.status).toBe(400);
    expect(error.detail.param).toBe('Prefer');
    expect(error.detail.message).toBe('invalid Prefer header: status 409 is not declared by the spec for getThing (declared: 200, 404)');
  });

  test('`default` declares nothing: a status only it covers is refused', () => {
    expect(errorOf(engineWith([]).decide(on(['200', 'default'], 'code=500'))).status).toBe(400);
  });

  test('a success the operation declares is the normal response; one it does not declare is refused', () => {
    expect(engineWith([]).decide(on(['200', '206'], 'code=206')).effect).toBeUndefined();
    expect(errorOf(engineWith([]).decide(on(['200'], 'code=201'))).detail.param).toBe('Prefer');
  });

  test('a rule with a custom status applies only to operations that declare it, and is not counted elsewhere', () => {
    const withConflict = [409, ...statuses];
    const engine = createFaultEngine({ rules: parseRules([{ name: 'conflict', match: { nth: 2 }, respond: { status: 409 } }], withConflict), seed: 42, statuses: withConflict });
    const list = () => request({ provider: 'openai' });
    const thingRequest = () => ({ ...request({ provider: 'openai', declared: thing }), operation: 'createThing' });
    expect([list(), thingRequest(), list(), thingRequest()].map((r) => outcome(engine.decide(r)))).toEqual([null, null, null, 409]);
    expect(engine.rules()[0]).toMatchObject({ matched: 2, applied: 1 });
  });

  test('a rule is checked against the statuses of the spec in force, and a reloaded spec may allow more', () => {
    const engine = engineWith([]);
    expect(() => engine.add({ respond: { status: 409 } })).toThrow(/respond\.status: 409 is not declared by the spec for any operation \(declared: 400, 401/);
    engine.checkStatusesAgainst(declaredStatuses(['409', '4XX']));
    expect(() => engine.add({ respond: { status: 409 } })).not.toThrow();
    expect(() => engine.add({ respond: { status: 418 } })).not.toThrow();
    expect(() => engine.add({ respond: { status: 503 } })).toThrow(RuleError);
  });
});

describe('changing the rules at run time', () => {
  const startup = [
    { name: 'azure 503', match: { provider: 'azure' }, respond: { preset: 'provider_unavailable' } },
    { match: { every: 2 }, respond: { preset: 'rate_limited' } },
  ];
  const mixed = [openai, request({ provider: 'azure' }), openai, openai, request({ provider: 'azure' }), openai];

  test('rules() reports each rule with its index, counters and whether it is spent', () => {
    const engine = engineWith(startup);
    run(engine, mixed);
    expect(engine.rules()).toEqual([
      { index: 0, rule: startup[0], matched: 2, applied: 2, spent: false },
      { index: 1, rule: startup[1], matched: 4, applied: 2, spent: false },
    ]);
  });

  test.each([
    ['an invalid rule', [{ respond: { preset: 'hang' } }, { respond: { preset: 'explode' } }]],
    ['a non-list', 'hang'],
  ])('replace() with %s throws RuleError and leaves the previous rules in force', (_what, input) => {
    const engine = engineWith(startup);
    const twin = engineWith(startup);
    run(engine, mixed.slice(0, 3));
    run(twin, mixed.slice(0, 3));
    const before = engine.rules();
    expect(() => engine.replace(input)).toThrow(RuleError);
    expect(engine.rules()).toEqual(before);
    expect(run(engine, mixed)).toEqual(run(twin, mixed));
  });

  test('replace() with valid rules puts them in force with fresh counters', () => {
    const engine = engineWith(startup);
    run(engine, mixed);
    engine.replace({ rules: [{ match: { nth: 2 }, respond: { preset: 'bad_gateway' } }] });
    expect(engine.rules()).toEqual([{ index: 0, rule: { match: { nth: 2 }, respond: { preset: 'bad_gateway' } }, matched: 0, applied: 0, spent: false }]);
    expect(run(engine, times(3, request({ provider: 'azure' })))).toEqual([null, 502, null]);
  });

  test('add() appends a rule after the others, at the next index', () => {
    const engine = engineWith(startup);
    engine.add({ name: 'the rest', respond: { preset: 'gateway_timeout' } });
    expect(engine.rules().map((s) => [s.index, s.rule.name])).toEqual([
      [0, 'azure 503'],
      [1, undefined],
      [2, 'the rest'],
    ]);
    expect(run(engine, mixed)).toEqual([504, 503, 429, 504, 503, 429]);
  });

  test('add() with an invalid rule throws a RuleError naming the next index and adds nothing', () => {
    const engine = engineWith(startup);
    expect(() => engine.add({ latency: { min: 9, max: 1 } })).toThrow(RuleError);
    expect(() => engine.add({ latency: { min: 9, max: 1 } })).toThrow(/^rule 2: latency/);
    expect(engine.rules()).toHaveLength(2);
  });

  test('clear() removes every rule', () => {
    const engine = engineWith(startup);
    engine.clear();
    expect(engine.rules()).toEqual([]);
    expect(run(engine, mixed)).toEqual(mixed.map(() => null));
  });

  test('clear() leaves the header faults working', () => {
    const engine = engineWith(startup);
    engine.clear();
    expect(outcome(engine.decide(request({ headers: { 'X-Mock-Fault': 'empty' } })))).toBe('empty');
  });

  test('reset() restores the startup rules with zeroed counters', () => {
    const engine = engineWith(startup);
    run(engine, mixed);
    engine.replace([{ respond: { preset: 'hang' } }]);
    engine.add({ latency: 5 });
    run(engine, mixed);
    engine.reset();
    expect(engine.rules()).toEqual(engineWith(startup).rules());
    expect(engine.rules().every((s) => s.matched === 0 && s.applied === 0)).toBe(true);
  });

  test('reset() after clear() brings the startup rules back', () => {
    const engine = engineWith(startup);
    engine.clear();
    engine.reset();
    expect(engine.rules().map((s) => s.rule)).toEqual(startup);
  });

  test('reset() restarts the random sequence: the decisions are those of a fresh engine', () => {
    const rules = [
      { match: { probability: 0.3 }, respond: { preset: 'provider_error' } },
      { match: { every: 3 }, latency: { min: 10, max: 90 } },
    ];
    const options = { seed: 11, latency: { min: 0, max: 50 } satisfies Latency };
    const decisions = (engine: FaultEngine) => Array.from({ length: 100 }, () => engine.decide(openai));
    const engine = engineWith(rules, options);
    const first = decisions(engine);
    engine.reset();
    const again = decisions(engine);
    expect(again).toEqual(decisions(engineWith(rules, options)));
    expect(again).toEqual(first);
    expect(again.map(outcome)).toContain(500);
    expect(again.map(outcome)).toContain(null);
  });
});

describe('rules on the job lifecycle', () => {
  const request = (operation: string, requestType: string) => ({ operation, requestType, declared: listDeclared, query: new URLSearchParams(), header: () => undefined });

  test('match.operation takes an operationId or a request type, and job sets the outcome and render time', () => {
    const engine = createFaultEngine({
      rules: [
        { name: 'by id', match: { operation: 'remixVideo' }, job: { outcome: 'completed' } },
        { name: 'by type', match: { operation: ['video_generation'] }, job: { outcome: 'failed:moderation_blocked', renderSeconds: 3 } },
      ],
      seed: 1,
      statuses: [400, 503],
    });
    expect(engine.decide(request('listVideos', 'video_list'))).toEqual({ latencyMs: 0 });
    expect(engine.decide(request('remixVideo', 'video_remix')).job).toEqual({ outcome: { status: 'completed' } });
    expect(engine.decide(request('createVideo', 'video_generation'))).toMatchObject({
      name: 'by type',
      job: { outcome: { status: 'failed', code: 'moderation_blocked' }, renderSeconds: 3 },
    });
  });

  test('the unsupported_operation preset names the request type it was asked on', () => {
    const engine = createFaultEngine({ rules: [], seed: 1, statuses: [400] });
    const decision = engine.decide({ ...request('remixVideo', 'video_remix'), provider: 'azure', header: (name: string) => (name === 'x-mock-fault' ? 'unsupported_operation' : undefined) });
    expect(decision.effect).toMatchObject({ kind: 'error', error: { detail: { message: 'video_remix is not supported by azure provider' } } });
  });
});

describe("the console's own requests", () => {
  const fromConsole: FaultRequest = { ...openai, source: 'console' };
  const fromApp: FaultRequest = { ...openai, source: 'app' };

  test('match no rule unless the rule asks for them, and do not count toward its times', () => {
    const engine = engineWith([{ name: 'down', times: 2, respond: { preset: 'provider_unavailable' } }]);
    expect(run(engine, [fromConsole, fromConsole, fromConsole])).toEqual([null, null, null]);
    expect(engine.rules()[0]).toMatchObject({ matched: 0, applied: 0, spent: false });
    expect(run(engine, [fromApp, openai, fromApp])).toEqual([503, 503, null]);
  });

  test('match.source picks the console only, or any sender', () => {
    const consoleOnly = engineWith([{ match: { source: 'console' }, respond: { preset: 'rate_limited' } }]);
    expect(run(consoleOnly, [fromApp, fromConsole, openai])).toEqual([null, 429, null]);
    const anyone = engineWith([{ match: { source: 'any' }, respond: { preset: 'rate_limited' } }]);
    expect(run(anyone, [fromApp, fromConsole, openai])).toEqual([429, 429, 429]);
  });
});

describe('spent rules', () => {
  test('a rule that applied its times is reported spent, and removeSpent clears only the spent ones', () => {
    const engine = engineWith([
      { name: 'twice', times: 2, respond: { preset: 'rate_limited' } },
      { name: 'always', match: { provider: 'azure' }, respond: { preset: 'bad_gateway' } },
      { name: 'ten times', times: 10, match: { provider: 'azure' }, respond: { preset: 'hang' } },
    ]);
    run(engine, times(2));
    expect(engine.rules().map((r) => [r.rule.name, r.spent])).toEqual([['twice', true], ['always', false], ['ten times', false]]);
    const removed = engine.removeSpent();
    expect(removed).toEqual([expect.objectContaining({ index: 0, rule: expect.objectContaining({ name: 'twice' }), applied: 2, spent: true })]);
    expect(engine.rules().map((r) => [r.index, r.rule.name])).toEqual([[0, 'always'], [1, 'ten times']]);
    expect(engine.removeSpent()).toEqual([]);
    expect(run(engine, [request({ provider: 'azure' })])).toEqual([502]);
  });
});

describe('append: several rules at once', () => {
  test('adds them in order after the rules in force, and the first match still wins', () => {
    const engine = engineWith([{ name: 'kept', match: { provider: 'azure' }, respond: { preset: 'bad_gateway' } }]);
    const added = engine.append([{ respond: { preset: 'rate_limited' } }, { respond: { preset: 'provider_error' } }]);
    expect(added.map((state) => state.index)).toEqual([1, 2]);
    expect(run(engine, [openai, request({ provider: 'azure' })])).toEqual([429, 502]);
  });

  test('past the most rules allowed it adds none of them', () => {
    const engine = engineWith(Array.from({ length: 999 }, () => ({ respond: { preset: 'rate_limited' } })));
    expect(() => engine.append([{ respond: { preset: 'bad_gateway' } }, { respond: { preset: 'bad_gateway' } }])).toThrow(RuleError);
    expect(engine.count()).toBe(999);
  });
});
