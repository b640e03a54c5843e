import type { OperationContract } from '../core/openapi/compileContract.js';
import type { CheckResult } from './CheckResult.js';
import { crossWalkChecks } from './crossWalkChecks.js';
import { errorChecks } from './errorChecks.js';
import type { ListClient } from './fetchList.js';
import { fullPagePlan } from './fullPagePlan.js';
import { paginationChecks, walkIds } from './paginationChecks.js';
import { cursorSuffixCheck, defaultChecks } from './probeChecks.js';
import { tieChecks } from './tieChecks.js';
import { foreignProviderFor } from './verifyDefaults.js';
import type { LimitRange } from './walkLimits.js';
import { walkList, type Walk } from './walkList.js';

export interface ListCheckOptions {
  provider: string;
  limits: readonly number[];
  range: LimitRange;
  maxPages: number;
  cannotListProvider: string;
  foreignProvider?: string;
  progress: (message: string) => void;
}

/**
 * The list operation: walks at each page size in both orders, the pagination invariants no
 * schema can express within and between walks, the defaults, and every bad input the spec implies.
 */
export async function listChecks(client: ListClient, operation: OperationContract, o: ListCheckOptions): Promise<{ checks: CheckResult[]; walks: Walk[] }> {
  const { provider, range, limits, progress } = o;
  const smallest = String(range.min);
  const foreignProvider = o.foreignProvider ?? foreignProviderFor(provider);
  const walk = (limit: number, order: 'asc' | 'desc', extra: { startAfter?: string; purpose?: string } = {}) => {
    // Said once the first page is in, so an unreachable server's error is the first line.
    const said = (pages: number) => pages === 1 && progress(`crawling limit=${limit} order=${order}${extra.purpose ? ` (${extra.purpose})` : ''}...`);
    return walkList(client, provider, limit, order, o.maxPages, said, extra);
  };

  const [walks, defaults, foreignId] = await Promise.all([
    Promise.all(limits.flatMap((limit) => (['desc', 'asc'] as const).map((order) => walk(limit, order)))),
    defaultChecks(client, operation, provider),
    firstId(client, foreignProvider, smallest),
  ]);
  const reference = walks.find((w) => w.end === 'complete');
  const plan = reference && fullPagePlan(walkIds(reference).length, range, limits);
  const firstPage = walks.flatMap((w) => w.pages[0]?.body?.data ?? []);
  const [cursor, otherCursor] = [firstPage[0]?.id, firstPage.find((item) => item.id !== firstPage[0]?.id)?.id];

  progress('sending requests that must fail...');
  const [derived, errors, ties, suffix] = await Promise.all([
    Promise.all(
      plan
        ? (['desc', 'asc'] as const).map((order) => {
            const sameOrder = walks.find((w) => w.end === 'complete' && w.order === order);
            const sequence = sameOrder ? walkIds(sameOrder) : walkIds(reference).reverse();
            const startAfter = plan.skip > 0 ? sequence[plan.skip - 1] : undefined;
            return walk(plan.limit, order, { purpose: 'last page exactly full', ...(startAfter && { startAfter }) });
          })
        : [],
    ),
    errorChecks(client, operation, {
      provider,
      cannotList: o.cannotListProvider,
      ...(cursor && { cursor }),
      ...(otherCursor && { otherCursor }),
      ...(foreignId && { foreignId, otherProvider: foreignProvider }),
    }),
    tieChecks(client, provider, walks, range.min),
    cursorSuffixCheck(client, provider, walks),
  ]);
  const allWalks = [...walks, ...derived];
  const checks: CheckResult[] = [...allWalks.flatMap((w) => paginationChecks(w)), ...crossWalkChecks(allWalks, provider), ties, suffix, ...defaults, ...errors];
  if (!foreignId) checks.push({ name: 'errors.foreign-cursor', status: 'skipped', detail: `could not list ${foreignProvider} to take a foreign id from` });
  return { checks, walks: allWalks };
}

/** The id of the first job another provider lists, or undefined when it cannot be had. */
async function firstId(client: ListClient, provider: string, limit: string): Promise<string | undefined> {
  const page = await client.get({ provider, limit });
  const id = (page.body as { data?: { id?: unknown }[] } | undefined)?.data?.[0]?.id;
  return page.status === 200 && typeof id === 'string' ? id : undefined;
}
