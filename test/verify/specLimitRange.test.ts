import { ConfigError } from '../../src/core/errors/ConfigError.js';
import { verifyServer } from '../../src/verify/verifyServer.js';
import { startBrokenServer } from '../fixtures/brokenServers.js';
import { writeSpecVariant } from '../support/specVariant.js';

type LimitSchema = { minimum?: number; maximum?: number };

/** A copy of openapi.yaml whose list `limit` allows only `minimum`..`maximum`. */
function specWithLimitRange(name: string, range: LimitSchema): string {
  return writeSpecVariant(name, (doc) => {
    const list = doc.paths['/v1/videos']!['get'] as { parameters: { name: string; schema: LimitSchema }[] };
    Object.assign(list.parameters.find((p) => p.name === 'limit')!.schema, range);
  });
}

const walkedLimits = (scopes: (string | undefined)[]) => [...new Set(scopes.map((scope) => Number(/^limit=(\d+)/.exec(scope ?? '')?.[1])))];

describe("verify walks only page sizes the spec's limit range allows", () => {
  const max50 = specWithLimitRange('limit-max-50', { maximum: 50 });

  test('a server correct for a spec copy with limit up to 50 passes: the default walks shrink to 50, 20, 7', async () => {
    const server = await startBrokenServer('none', 30, '', { maxLimit: 50 });
    try {
      const report = await verifyServer({ baseUrl: server.url, specPath: max50, strict: true });
      expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
      const walks = report.checks.filter((c) => c.name === 'pagination.walk');
      expect(walkedLimits(walks.map((c) => c.scope))).toEqual([50, 20, 7, 15]);
      expect(report.passed).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('the walk sized for an exactly full last page keeps within the maximum too (211 jobs, limit up to 50)', async () => {
    const server = await startBrokenServer('none', 211, '', { maxLimit: 50 });
    try {
      const report = await verifyServer({ baseUrl: server.url, specPath: max50 });
      const derived = report.checks.filter((c) => c.name === 'pagination.walk' && c.scope?.includes('last page exactly full'));
      expect(derived.map((c) => [c.scope, c.status])).toEqual([
        ['limit=50 order=desc (last page exactly full)', 'passed'],
        ['limit=50 order=asc (last page exactly full)', 'passed'],
      ]);
      expect(report.passed).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a raised minimum lifts the small walks and the one-job probes into the range', async () => {
    const min10 = specWithLimitRange('limit-min-10', { minimum: 10 });
    const server = await startBrokenServer('none', 30, '', { minLimit: 10 });
    try {
      const report = await verifyServer({ baseUrl: server.url, specPath: min10, strict: true });
      expect(walkedLimits(report.checks.filter((c) => c.name === 'pagination.walk').map((c) => c.scope))).toEqual([100, 20, 10]);
      expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
      expect(report.passed).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('limits outside the range are refused before any request, naming the option and the range', async () => {
    // Nothing listens on port 9: a request would fail as "fetch failed", not as this ConfigError.
    const refused = verifyServer({ baseUrl: 'http://127.0.0.1:9', specPath: max50, limits: [20, 100] });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/^limits: 100 is outside the range the spec allows for limit, 1 to 50 \(.*limit-max-50\.json\)$/);
  });
});
