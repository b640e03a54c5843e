import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, type LoadResult } from './load.js';
import { spawnServer } from './spawnServer.js';

export interface RulesRow {
  rules: number;
  withRules: LoadResult;
  without: LoadResult;
  /** With over without, median of the rounds: the goal is >= 0.90. */
  ratio: number;
}

const NON_MATCHING = 1000;

/**
 * List throughput with 1,000 fault rules that cannot match the requests (they name other
 * providers) against the same server with none, in the same run and rotated rounds. The rule
 * index keeps such rules off a request's path, so the ratio should stay near 1.
 */
export async function rulesComparison({ command, paths, seconds, rounds, headers, tmp }: {
  command: string[];
  paths: string[];
  seconds: number;
  rounds: number;
  headers: Record<string, string>;
  tmp: string;
}): Promise<RulesRow> {
  const others = ['azure', 'gemini', 'vertex', 'runway', 'replicate'];
  const rules = Array.from({ length: NON_MATCHING }, (_, i) => ({
    name: `not for openai ${i}`,
    match: { provider: others[i % others.length] },
    respond: { preset: 'provider_error' },
  }));
  const file = join(tmp, 'non-matching-rules.json');
  writeFileSync(file, JSON.stringify({ rules }));
  const plain = await spawnServer(process.execPath, [...command, '--port', '0']);
  const ruled = await spawnServer(process.execPath, [...command, '--port', '0', '--faults', file]);
  try {
    const run = (url: string) => load({ url, paths, expectStatus: 200, seconds, headers });
    await run(plain.url); // warm-up
    await run(ruled.url);
    const results: RulesRow[] = [];
    for (let i = 0; i < rounds; i++) {
      const first = i % 2 === 0 ? ruled : plain;
      const second = first === plain ? ruled : plain;
      const a = await run(first.url);
      const b = await run(second.url);
      const [withRules, without] = first === ruled ? [a, b] : [b, a];
      results.push({ rules: NON_MATCHING, withRules, without, ratio: withRules.rps / without.rps });
    }
    results.sort((x, y) => x.ratio - y.ratio);
    const row = results[Math.floor(results.length / 2)]!;
    console.log(`\nFault rules (limit=20 random cursors; median of ${rounds} rotated rounds of ${seconds}s)`);
    console.log(
      `openai list with ${NON_MATCHING} non-matching rules: ${row.withRules.rps.toFixed(0)} req/s (p99 ${row.withRules.p99} ms) vs ${row.without.rps.toFixed(0)} req/s with none (p99 ${row.without.p99} ms): ratio ${row.ratio.toFixed(2)} (goal >= 0.90)`,
    );
    return row;
  } finally {
    await plain.stop();
    await ruled.stop();
  }
}
