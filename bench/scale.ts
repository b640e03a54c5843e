import { createDataset } from '../src/core/data/createDataset.js';
import { loadProviderCatalog } from '../src/files/loadProviderCatalog.js';
import { englishLocale } from '../src/core/random/englishLocale.js';
import { seededViews } from '../src/core/jobs/seededViews.js';
import { load, type LoadResult } from './load.js';
import { spawnServer } from './spawnServer.js';

export interface ScaleRow {
  jobs: number;
  startupMs: number;
  rssAfterStartMb: number;
  rssAfterLoadMb: number;
  /** Requests/s for pages whose cursors fall in a band at each part of the list. */
  pages: { position: string; rps: number; p99: number; kbPerResponse: number; unexpected: number }[];
  /** Slowest deep position's rate over the first's, median of the rounds: 1.0 means depth costs nothing. */
  deepOverFirst: number;
}

const NOW = Date.UTC(2026, 0, 15, 12) / 1000;

/**
 * Startup, memory and page cost at the start, middle and end of 1,000 and 10,000,000 jobs.
 * Each position is loaded the same way: 400 cursors spread over a band of up to 100,000 jobs,
 * so a large list is measured cold (derived on demand), a small one warm, at every depth.
 * KB/response shows what differs besides depth: in a large list the newest jobs (the first
 * pages) are still queued or in progress and carry fewer fields.
 */
export async function scaleTable({ command, seconds, rounds, headers }: { command: string[]; seconds: number; rounds: number; headers: Record<string, string> }): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const catalog = await loadProviderCatalog();
  console.log(`\nScale (limit=20, desc, cursors spread over a band; median of ${rounds} rotated rounds of ${seconds}s per position)`);
  console.log('jobs        startup  RSS start  RSS after |  first req/s  middle req/s  end req/s | deep/first | KB/response first middle end');
  for (const jobs of [1_000, 10_000_000]) {
    const dataset = createDataset({ seed: 42, jobsPerProvider: jobs, now: NOW, catalog, locale: englishLocale });
    const openai = seededViews(dataset.jobs('openai')!, NOW * 1000);
    const band = Math.min(100_000, Math.floor(jobs / 10));
    // In desc order, list index i is dataset position jobs-1-i.
    const cursors = (start: number) =>
      Array.from({ length: 400 }, (_, i) => `/v1/videos?provider=openai&limit=20&after=${openai.jobAt(jobs - 1 - (start + Math.floor((i * band) / 400))).id}`);
    const positions: [string, string[]][] = [
      ['first', cursors(0)],
      ['middle', cursors(Math.floor(jobs / 2))],
      ['end', cursors(jobs - 21 - band)],
    ];
    const server = await spawnServer(process.execPath, [...command, '--port', '0', '--jobs', String(jobs), '--now', String(NOW)]);
    try {
      const rssAfterStartMb = server.rssMb();
      for (const [, paths] of positions) await load({ url: server.url, paths, expectStatus: 200, seconds: 1, headers });
      // Rounds visit the positions in rotated order, so none always runs on a warmer machine.
      // Within a round the positions run back to back and see the same machine, so depth is
      // judged per round (slowest deep position over first) and the median round is reported.
      const runs = new Map<string, LoadResult[]>(positions.map(([position]) => [position, []]));
      const roundRatios: number[] = [];
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < positions.length; i++) {
          const [position, paths] = positions[(i + round) % positions.length]!;
          runs.get(position)!.push(await load({ url: server.url, paths, expectStatus: 200, seconds, headers }));
        }
        const [first, ...deep] = positions.map(([position]) => runs.get(position)![round]!.rps);
        roundRatios.push(Math.min(...deep) / first!);
      }
      const pages: ScaleRow['pages'] = positions.map(([position]) => {
        const results = runs.get(position)!;
        return {
          position,
          rps: median(results.map((r) => r.rps)),
          p99: median(results.map((r) => r.p99)),
          kbPerResponse: median(results.map((r) => r.bytesPerResponse)) / 1024,
          unexpected: results.reduce((n, r) => n + r.unexpected, 0),
        };
      });
      const row: ScaleRow = {
        jobs,
        startupMs: Math.round(server.startupMs),
        rssAfterStartMb: Math.round(rssAfterStartMb),
        rssAfterLoadMb: Math.round(server.rssMb()),
        pages,
        deepOverFirst: median(roundRatios),
      };
      rows.push(row);
      const rate = (position: string) => (pages.find((p) => p.position === position)?.rps ?? 0).toFixed(0);
      console.log(
        `${String(jobs).padEnd(11)} ${`${row.startupMs} ms`.padStart(7)} ${`${row.rssAfterStartMb} MB`.padStart(10)} ${`${row.rssAfterLoadMb} MB`.padStart(10)} | ${rate('first').padStart(12)} ${rate('middle').padStart(13)} ${rate('end').padStart(10)} | ${row.deepOverFirst.toFixed(2).padStart(10)} | ${pages.map((p) => p.kbPerResponse.toFixed(1)).join(' ').padStart(24)}`,
      );
    } finally {
      await server.stop();
    }
  }
  return rows;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
