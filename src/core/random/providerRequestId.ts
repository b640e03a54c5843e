/** Two hex digits for every byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Random bytes drawn 4 KB at a time (256 ids): one call to the platform's generator, not one per id. */
const pool = new Uint8Array(4096);
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
  let id = 'req_';
  for (let i = 0; i < 16; i++) id += HEX[pool[next++]!]!;
  return id;
}
