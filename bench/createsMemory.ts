import autocannon from 'autocannon';
import { spawnServer } from './spawnServer.js';

export interface CreatesMemoryResult {
  creates: number;
  promptLength: number;
  /** RSS after start, then after each fifth of the creates. */
  rssMb: number[];
  /** The highest RSS sampled (every 100 ms) during the run. */
  peakRssMb: number;
  /** Creates answered with anything but 200. */
  unexpected: number;
}

/** The longest prompt the spec allows (CreateVideoRequest.prompt maxLength). */
const PROMPT_LENGTH = 32_000;
/** The ceiling for 50,000 creates of maximum-size prompts. */
export const CREATES_RSS_GOAL_MB = 400;

/**
 * Creates of maximum-size prompts, many times what the created-job store keeps: its byte budget
 * must hold memory flat, where a count cap alone let 24,000 such creates take RSS to 1.7 GB.
 */
export async function createsMemory({ command, creates, headers }: { command: string[]; creates: number; headers: Record<string, string> }): Promise<CreatesMemoryResult> {
  const server = await spawnServer(process.execPath, [...command, '--port', '0', '--clock', 'frozen']);
  const body = JSON.stringify({ model: 'openai/sora-2', prompt: 'A paper boat drifts down a rainy street; '.repeat(PROMPT_LENGTH).slice(0, PROMPT_LENGTH) });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 100);
  try {
    const rssMb = [server.rssMb()];
    let unexpected = 0;
    for (let fifth = 0; fifth < 5; fifth++) {
      const result = await autocannon({
        url: `${server.url}/v1/videos`,
        method: 'POST',
        connections: 8,
        amount: Math.round(creates / 5),
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
      const counts = result.statusCodeStats as Partial<Record<string, { count: number }>>;
      unexpected += Object.entries(counts).reduce((n, [status, c]) => (status === '200' ? n : n + (c?.count ?? 0)), 0) + result.errors + result.timeouts;
      rssMb.push(server.rssMb());
    }
    peak = Math.max(peak, ...rssMb);
    const rounded = rssMb.map(Math.round);
    console.log(
      `\nCreates of ${PROMPT_LENGTH.toLocaleString('en-US')}-character prompts: ${creates.toLocaleString('en-US')}; RSS MB at start and after each fifth: ${rounded.join(' → ')}, peak ${Math.round(peak)} (goal for 50,000: under ${CREATES_RSS_GOAL_MB}, ${peak < CREATES_RSS_GOAL_MB ? 'met' : 'missed'})`,
    );
    return { creates, promptLength: PROMPT_LENGTH, rssMb: rounded, peakRssMb: Math.round(peak), unexpected };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}
