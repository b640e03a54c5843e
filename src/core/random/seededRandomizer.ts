/**
 * A small, fast PRNG (mulberry32) whose whole state is one 32-bit number. It fits faker's
 * Randomizer interface, and reseeding is O(1): faker's own Mersenne Twister takes ~40 µs to
 * seed, which would dominate deriving each job from its own seed.
 */
export interface SeededRandomizer {
  /** A float in [0, 1). */
  next(): number;
  seed(seed: number | number[]): void;
}

export function createSeededRandomizer(initial: number | number[] = 0): SeededRandomizer {
  let state = 0;
  const randomizer: SeededRandomizer = {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed(seed) {
      state = mixSeed(Array.isArray(seed) ? seed : [seed]);
    },
  };
  randomizer.seed(initial);
  return randomizer;
}

/** Folds numbers into one well-mixed 32-bit state (murmur3's finalizer after each word). */
function mixSeed(words: readonly number[]): number {
  let h = 0x9e3779b9 ^ words.length;
  for (const word of words) {
    h = Math.imul(h ^ (word >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}
