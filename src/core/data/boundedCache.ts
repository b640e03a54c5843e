/**
 * A cache with a fixed number of entries that evicts the oldest insert first. (First in,
 * first out rather than LRU: a hit then costs one lookup, and a working set smaller than the
 * cache is never evicted either way.)
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
    // Map iterates in insertion order, so its first key is the oldest.
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
  }
}
