/**
 * The one bounded cache of the program: least recently used first out,
 * bounded both in entries and in a byte budget that the caller measures
 * (each entry says what it weighs). A value heavier than a share of the
 * budget is not kept at all, so one huge answer cannot flush every small one.
 *
 * A Map keeps insertion order: re-inserting on a hit makes an entry the most
 * recently used, and the first key is always the one to evict.
 */

export interface LruBudget {
  /** Entries kept at most. */
  maxEntries: number;
  /** Sum of the entries' weights kept at most (bytes, as the caller counts them). */
  maxBytes: number;
  /** An entry heavier than this is not kept; by default a sixteenth of maxBytes. */
  maxEntryBytes?: number;
}

export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private total = 0;
  private readonly maxEntryBytes: number;

  constructor(
    private readonly budget: LruBudget,
    /** What a value weighs, in the budget's unit. */
    private readonly weigh: (value: V, key: K) => number,
  ) {
    this.maxEntryBytes = budget.maxEntryBytes ?? Math.floor(budget.maxBytes / 16);
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Keeps the value unless it is over the per-entry share; evicts the least recently used beyond the budget. */
  set(key: K, value: V): void {
    const bytes = this.weigh(value, key);
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.total -= previous.bytes;
    }
    if (bytes > this.maxEntryBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    while (this.entries.size > this.budget.maxEntries || this.total > this.budget.maxBytes) {
      const [oldest, evicted] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.total -= evicted.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The weight kept now. */
  get bytes(): number {
    return this.total;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
