import type { Contract } from '../core/openapi/compileContract.js';
import { declaredStatuses } from '../core/openapi/declaredStatuses.js';
import type { CoverageRow } from './CheckResult.js';
import type { TargetResponse } from './createTargetClient.js';
import type { OperationFinder } from './findOperation.js';

export interface Coverage {
  /** Notes the status of an answer (0, no answer, is not a status). */
  record(response: TargetResponse): void;
  rows(): CoverageRow[];
}

/**
 * Which declared statuses of which operations the run saw: the table that tells a team what was
 * verified and what was not (a 503 nobody provoked, an operation only `--lifecycle` reaches).
 */
export function createCoverage(contract: Contract, find: OperationFinder): Coverage {
  const seen = new Map<string, Set<number>>();
  return {
    record(response) {
      const operation = find(response.method, response.url);
      if (!operation || response.status === 0) return;
      const statuses = seen.get(operation.operationId) ?? new Set<number>();
      statuses.add(response.status);
      seen.set(operation.operationId, statuses);
    },
    rows: () =>
      [...contract.operations.values()].map((operation) => {
        const answered = seen.get(operation.operationId) ?? new Set<number>();
        // Declared as the mock reads them (codes and 1XX..5XX ranges; `default` is no status).
        const declared = declaredStatuses(operation.statuses);
        return {
          operationId: operation.operationId,
          method: operation.method,
          path: operation.path,
          statuses: declared.listed.map((status) => {
            const covers = declaredStatuses([status]);
            return { status, exercised: [...answered].some((code) => covers.has(code)) };
          }),
          byDefault: [...answered].filter((code) => !declared.has(code)).sort((a, b) => a - b),
        };
      }),
  };
}

/** One line per operation: `listVideos GET /v1/videos: seen 200 400 401; not seen 402 403`. */
export function coverageLines(rows: readonly CoverageRow[]): string[] {
  return rows.map((row) => {
    const seen = row.statuses.filter((s) => s.exercised).map((s) => s.status);
    const unseen = row.statuses.filter((s) => !s.exercised).map((s) => s.status);
    const parts = [`seen ${seen.join(' ') || 'none'}`, ...(unseen.length > 0 ? [`not seen ${unseen.join(' ')}`] : []), ...(row.byDefault.length > 0 ? [`only by default ${row.byDefault.join(' ')}`] : [])];
    return `${row.operationId} ${row.method} ${row.path}: ${parts.join('; ')}`;
  });
}
