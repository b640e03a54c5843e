import { createSeededRandomizer } from '../random/seededRandomizer.js';

/** A reproducible stream of floats in [0, 1) for fault probabilities and latency ranges. */
export function seededRandom(seed: number): () => number {
  const randomizer = createSeededRandomizer(seed);
  return () => randomizer.next();
}
