/**
 * A cache with a fixed number of entries, and optionally a total weight (bytes, say), that
 * evicts the oldest insert first. (First in, first out rather than LRU: a hit then costs one
 * lookup, and a working set smaller than the cache is never evicted either way.) An entry
 * heavier than the whole budget is not kept.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V, weight = 0): void {
    this.weight += weight - (this.entries.get(key)?.weight ?? 0);
    this.entries.set(key, { value, weight });
    // Map iterates in insertion order, so its first key is the oldest.
    while (this.entries.size > this.capacity || this.weight > this.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.weight -= this.entries.get(oldest.value)!.weight;
      this.entries.delete(oldest.value);
    }
  }

  /** The total weight of the entries kept. */
  get heldWeight(): number {
    return this.weight;
  }
}
