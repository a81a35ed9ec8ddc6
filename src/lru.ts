/**
 * The one bounded cache of the program: least recently used first out,
 * bounded both in entries and in a byte budget that the caller measures
 * (each entry says what it weighs). A value heavier than a share of the
 * budget is not kept at all, so one huge answer cannot flush every small one.
 *
 * A Map keeps insertion order, and a hit only marks its entry as used
 * ("second chance", the CLOCK approximation of LRU): the first entry is the
 * one to evict unless it was used since it got there, when it moves to the
 * back instead, unmarked. Re-inserting every hit (the exact LRU order) made
 * a lookup three Map operations and kept the Map rehashing its deleted
 * slots: a twentieth of a query's time, the word cache being asked for every
 * word of every query.
 *
 * With `admitOnRepeat`, a key is kept only when it is set the second time
 * (within the last few thousand keys set): a server open to anyone sees
 * mostly queries asked once, and keeping each of those pushed out the ones
 * asked again and churned the heap — every reply to the bench's 60,000
 * distinct queries kept, 16 MB of them turned over every few seconds, and
 * promoted by the garbage collector before they were dropped (TinyLFU's
 * "doorkeeper", without the frequency sketch).
 */

export interface LruBudget {
  /** Entries kept at most. */
  maxEntries: number;
  /** Sum of the entries' weights kept at most (bytes, as the caller counts them). */
  maxBytes: number;
  /** An entry heavier than this is not kept; by default a sixteenth of maxBytes. */
  maxEntryBytes?: number;
  /** Keep a key only the second time it is set (string keys). */
  admitOnRepeat?: boolean;
}

/** Keys set once lately, as hashes in a direct-mapped table (a collision only forgets or admits one key early). */
const SEEN_SLOTS = 1 << 13;

function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return (hash >>> 0) || 1;
}

export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number; used: boolean }>();
  private total = 0;
  private readonly maxEntryBytes: number;
  private readonly seen: Uint32Array | null;
  /**
   * Where eviction has got to in the Map's order: every entry before it has
   * been taken out (evicted, or moved to the back). A fresh iterator for each
   * eviction walked again over the slots of every entry deleted since the Map
   * last compacted its table (thousands, under churn): 8,192 entries
   * churned by 40,000 keys took 3.4 µs a get-or-set, 0.4 µs with this one
   * iterator; the word cache's sets in the bench's 60,000 queries, 0.2 → 0.1 s.
   */
  private oldestFirst: IterableIterator<[K, { value: V; bytes: number; used: boolean }]> | null = null;

  constructor(
    private readonly budget: LruBudget,
    /** What a value weighs, in the budget's unit. */
    private readonly weigh: (value: V, key: K) => number,
  ) {
    this.maxEntryBytes = budget.maxEntryBytes ?? Math.floor(budget.maxBytes / 16);
    this.seen = budget.admitOnRepeat ? new Uint32Array(SEEN_SLOTS) : null;
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    hit.used = true;
    return hit.value;
  }

  /**
   * Whether set(key) would keep a value now (with admitOnRepeat: the key is
   * kept, or was set once lately); if not, the key counts as set once. For a
   * caller whose value costs something to make, made only when it would be kept.
   */
  admits(key: K): boolean {
    return !this.seen || typeof key !== 'string' || this.entries.has(key) || this.repeated(key);
  }

  /**
   * Keeps the value unless it is over the per-entry share; evicts the least
   * recently used beyond the budget. `admitted`: admits(key) said yes already.
   */
  set(key: K, value: V, admitted = false): void {
    if (!admitted && !this.admits(key)) return;
    const bytes = this.weigh(value, key);
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.total -= previous.bytes;
    }
    if (bytes > this.maxEntryBytes) return;
    this.entries.set(key, { value, bytes, used: false });
    this.total += bytes;
    while (this.entries.size > this.budget.maxEntries || this.total > this.budget.maxBytes) {
      const [oldest, entry] = this.nextOldest();
      this.entries.delete(oldest);
      if (entry.used && oldest !== key) {
        entry.used = false;
        this.entries.set(oldest, entry);
      } else {
        this.total -= entry.bytes;
      }
    }
  }

  /** The entry first in the Map's order (the Map is not empty). */
  private nextOldest(): [K, { value: V; bytes: number; used: boolean }] {
    let next = this.oldestFirst?.next();
    // An iterator that has reached the end stays there, whatever is added after: start again.
    if (next === undefined || next.done) {
      this.oldestFirst = this.entries.entries();
      next = this.oldestFirst.next();
    }
    return next.value!;
  }

  /** Whether a key was set once lately; if not, it is remembered as set. */
  private repeated(key: string): boolean {
    const hash = stringHash(key);
    const slot = hash & (SEEN_SLOTS - 1);
    if (this.seen![slot] === hash) return true;
    this.seen![slot] = hash;
    return false;
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
    this.oldestFirst = null;
    this.seen?.fill(0);
    this.total = 0;
  }
}
