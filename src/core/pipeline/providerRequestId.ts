import { hex8 } from '../data/videoId.js';

/** Random words drawn 4 KB at a time (256 ids): one call to the platform's generator, not one per id. */
const pool = new Uint32Array(1024);
let next = pool.length;

/**
 * A provider's request id as OpenAI words it, `req_` and 32 hex digits, from the platform's
 * cryptographic generator (Node, browsers and workers alike). Random, not seeded: two runs of
 * the same world give different ids, as two calls to a real provider do. A third of the cost
 * of `randomUUID().replaceAll('-', '')`, which every provider answer paid.
 */
export function providerRequestId(): string {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  const id = `req_${hex8(pool[next]!)}${hex8(pool[next + 1]!)}${hex8(pool[next + 2]!)}${hex8(pool[next + 3]!)}`;
  next += 4;
  return id;
}
