import { mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/core/errors/ConfigError.js';
import { createFaultEngine } from '../../src/core/faults/createFaultEngine.js';
import { loadScenario, MAX_SCENARIO_BYTES } from '../../src/files/loadScenario.js';
import type { FaultRequest } from '../../src/core/faults/matchRule.js';
import { declaredStatuses } from '../../src/core/openapi/declaredStatuses.js';

/** The error statuses openapi.yaml declares for listVideos. */
const statuses = [400, 401, 402, 403, 404, 429, 500, 502, 503, 504] as const;

const scenarios = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vjm-scenario-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const failure = async (path: string): Promise<ConfigError> => {
  const error = await loadScenario(path, statuses).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message.startsWith(`${path}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return error as ConfigError;
};

const openai: FaultRequest = { provider: 'openai', declared: declaredStatuses(['200', ...statuses.map(String)]), query: new URLSearchParams(), header: () => undefined };

describe('loadScenario with the bundled scenarios', () => {
  const files = readdirSync(scenarios).filter((name) => /\.(ya?ml|json)$/.test(name));

  test('there are bundled scenarios to load', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s loads and has at least one rule', async (file) => {
    const rules = await loadScenario(join(scenarios, file), statuses);
    expect(rules.length).toBeGreaterThanOrEqual(1);
  });

  /** The decisions of the first n requests for openai, as statuses, network faults or null. */
  const decisions = async (file: string, n: number) => {
    const engine = createFaultEngine({ rules: await loadScenario(join(scenarios, file), statuses), seed: 42, statuses });
    return Array.from({ length: n }, () => engine.decide(openai));
  };
  const outcomes = async (file: string, n: number) =>
    (await decisions(file, n)).map(({ effect }) => (effect ? (effect.kind === 'error' ? effect.error.status : effect.kind) : null));

  test('rate-limited.yaml refuses every 5th request with 429', async () => {
    const expected = Array.from({ length: 15 }, (_, i) => ((i + 1) % 5 === 0 ? 429 : null));
    expect(await outcomes('rate-limited.yaml', 15)).toEqual(expected);
  });

  test('key-revoked.yaml lets 3 requests through, then answers 401 to every later one', async () => {
    expect(await outcomes('key-revoked.yaml', 7)).toEqual([null, null, null, 401, 401, 401, 401]);
  });

  test('flaky-provider.yaml fails about 1 openai request in 10 with 503', async () => {
    const results = await outcomes('flaky-provider.yaml', 1000);
    expect(new Set(results)).toEqual(new Set([null, 503]));
    const rate = results.filter((r) => r === 503).length / results.length;
    expect(rate).toBeGreaterThanOrEqual(0.05);
    expect(rate).toBeLessThanOrEqual(0.15);
  });

  test('slow-gateway.yaml hangs every 20th request and delays the others by 300-1200 ms', async () => {
    const results = await decisions('slow-gateway.yaml', 60);
    results.forEach((decision, i) => {
      if ((i + 1) % 20 === 0) {
        expect(decision.effect).toEqual({ kind: 'hang' });
      } else {
        expect(decision.effect).toBeUndefined();
        expect(decision.latencyMs).toBeGreaterThanOrEqual(300);
        expect(decision.latencyMs).toBeLessThanOrEqual(1200);
      }
    });
  });
});

describe('loadScenario', () => {
  test('reads JSON as well as YAML', async () => {
    const path = write('scenario.json', JSON.stringify({ rules: [{ match: { nth: 1 }, respond: { status: 502 } }] }));
    expect(await loadScenario(path, statuses)).toEqual([{ match: { nth: 1 }, respond: { status: 502 } }]);
  });

  test('reads a bare YAML list of rules', async () => {
    const path = write('bare.yaml', '- respond:\n    preset: hang\n- latency: 10\n');
    expect(await loadScenario(path, statuses)).toEqual([{ respond: { preset: 'hang' } }, { latency: 10 }]);
  });

  test('a missing file is a ConfigError naming the file and the reason', async () => {
    const error = await failure(join(dir, 'absent.yaml'));
    expect(error.message).toContain('ENOENT');
  });

  test('broken YAML is a ConfigError naming the file', async () => {
    const error = await failure(write('broken.yaml', 'rules:\n  - respond: {preset: hang\n'));
    expect(error.message).toMatch(/not valid YAML/);
  });

  test('an invalid rule is a ConfigError naming the file, the rule index and the field', async () => {
    const path = write('invalid.yaml', 'rules:\n  - respond: {preset: hang}\n  - match: {nth: 0}\n    respond: {preset: hang}\n');
    const error = await failure(path);
    expect(error.message.startsWith(`${path}: rule 1: match.nth`)).toBe(true);
  });

  test('an unknown preset is a ConfigError naming the file, the rule index and respond.preset', async () => {
    const path = write('unknown-preset.yaml', 'rules:\n  - respond: {preset: explode}\n');
    const error = await failure(path);
    expect(error.message.startsWith(`${path}: rule 0: respond.preset`)).toBe(true);
    expect(error.message).toContain('explode');
  });

  test('a file that is not a list of rules is a ConfigError naming the file', async () => {
    const error = await failure(write('scalar.yaml', '42\n'));
    expect(error.message).toMatch(/list of rules/);
  });

  test.each([
    ['an empty file', ''],
    ['"rules:" with nothing under it', 'rules:\n'],
  ])('%s is an empty scenario', async (_name, text) => {
    expect(await loadScenario(write('empty.yaml', text), statuses)).toEqual([]);
  });

  test('a file over 256 KiB is refused before it is read, in one line naming the file and the limit', async () => {
    const path = join(dir, 'huge.yaml');
    // Sparse: 60 MB on paper, no disk space and no time to write; the size alone refuses it.
    truncateSync(write('huge.yaml', ''), 60 * 1024 * 1024);
    const started = performance.now();
    const error = await failure(path);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(`${path}: the scenario is too large (62914560 bytes; the limit is ${MAX_SCENARIO_BYTES} bytes, 256 KiB)`);
  });

  test('a file of exactly 256 KiB is read', async () => {
    const rule = '- latency: 1\n#';
    const path = write('max.yaml', rule.padEnd(MAX_SCENARIO_BYTES, '.'));
    expect(await loadScenario(path, statuses)).toEqual([{ latency: 1 }]);
  });

  test('a stream with no size (a FIFO or device) is cut off past the limit, not read forever', async () => {
    const error = await failure('/dev/zero');
    expect(error.message).toMatch(/too large \(over 262144 bytes/);
  });
});
