import { ConfigError } from '../../../src/core/errors/ConfigError.js';
import { resolveOptions } from '../../../src/hosts/express/resolveOptions.js';
import type { ServerOptions } from '../../../src/hosts/express/ServerOptions.js';

describe('startServer’s options are checked before anything starts', () => {
  test.each([
    // Names plain JavaScript lets through: the in-process hosts' spelling, and typos.
    [{ faults: [] }, 'startServer: unknown option "faults"; did you mean faultsPath?'],
    [{ sede: 7 }, 'startServer: unknown option "sede"; did you mean seed?'],
    [{ limits: { maxConections: 10 } }, 'startServer limits: unknown option "maxConections"; did you mean maxConnections?'],
    // Values of the wrong type, which used to start a server that quietly did something else.
    [{ keys: 'sk-bf-a' }, 'keys: "sk-bf-a" is not a list of keys'],
    [{ latency: '100-200' }, 'latency:'],
    [{ latency: -5 }, 'latency:'],
    [{ journalSize: 0 }, 'journalSize: 0 is not an integer from 1 to 1000000'],
    [{ shutdownGraceMs: -1 }, 'shutdownGraceMs: -1 is not an integer'],
    [{ log: 'yes' }, 'log: "yes" is not a function'],
  ])('%j is a ConfigError naming it', (options, message) => {
    expect(() => resolveOptions(options as ServerOptions)).toThrow(ConfigError);
    expect(() => resolveOptions(options as ServerOptions)).toThrow(message);
  });

  test('the values it checks come through as given', () => {
    const resolved = resolveOptions({ keys: ['sk-bf-a'], latency: { min: 5, max: 10 }, journalSize: 7, limits: { sendStallTimeoutMs: 5000 } });
    expect(resolved).toMatchObject({ keys: ['sk-bf-a'], latency: { min: 5, max: 10 }, journalSize: 7 });
    expect(resolved.limits.sendStallTimeoutMs).toBe(5000);
  });
});
