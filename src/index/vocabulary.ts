/**
 * A sorted word list kept as UTF-8 bytes (no 100k-string split at start),
 * with each word's posting list. Words are compared as bytes, so a prefix's
 * words are one contiguous run of ids.
 */
import { lowerBound } from './postings.js';

const EMPTY = new Uint32Array(0);

/** The posting lists of one source, by word id. */
export interface PostingTable {
  entriesOf(id: number): Uint32Array;
}

/** A list for every word (most have one): starts[id] … starts[id+1]. */
export class DensePostings implements PostingTable {
  constructor(
    private readonly starts: Uint32Array,
    private readonly entries: Uint32Array,
  ) {}

  entriesOf(id: number): Uint32Array {
    return this.entries.subarray(this.starts[id], this.starts[id + 1]);
  }
}

/** Lists for a few words only (aliases): their ids, sorted, then as dense. */
export class SparsePostings implements PostingTable {
  constructor(
    private readonly ids: Uint32Array,
    private readonly starts: Uint32Array,
    private readonly entries: Uint32Array,
  ) {}

  entriesOf(id: number): Uint32Array {
    const at = lowerBound(this.ids, id);
    if (this.ids[at] !== id) return EMPTY;
    return this.entries.subarray(this.starts[at], this.starts[at + 1]);
  }
}

/** Ids of recently looked-up words kept per vocabulary: a query's word and its variants are looked up once per source. */
const REMEMBERED_IDS = 4096;

export class Vocabulary {
  /** Word → id (or -1) of recent lookups, cleared when full: a binary search of Buffer compares is the dearest part of a lookup. */
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
    private readonly tables: PostingTable[],
  ) {}

  get size(): number {
    return this.offsets.length - 1;
  }

  word(id: number): string {
    return this.bytes.toString('utf8', this.offsets[id], this.offsets[id + 1]);
  }

  /** The id of a word, or -1. */
  id(word: string): number {
    const known = this.recent.get(word);
    if (known !== undefined) return known;
    const target = Buffer.from(word, 'utf8');
    const at = this.firstAtOrAfter(target);
    const id = at < this.size && this.compareAt(at, target) === 0 ? at : -1;
    if (this.recent.size >= REMEMBERED_IDS) this.recent.clear();
    this.recent.set(word, id);
    return id;
  }

  /** Ids first … end-1 of the words starting with `prefix`. */
  prefixRange(prefix: string): { first: number; end: number } {
    const target = Buffer.from(prefix, 'utf8');
    const first = this.firstAtOrAfter(target);
    let end = first;
    // Binary search for the end of the run of words sharing the prefix.
    let high = this.size;
    while (end < high) {
      const mid = (end + high) >>> 1;
      if (this.startsWith(mid, target)) end = mid + 1;
      else high = mid;
    }
    return { first, end };
  }

  /** Posting list of word `id` in table `table` (0: the first source, …). */
  postings(table: number, id: number): Uint32Array {
    return id < 0 ? EMPTY : this.tables[table].entriesOf(id);
  }

  private firstAtOrAfter(target: Buffer): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareAt(mid, target) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Word `id` compared with `target`, byte by byte, without copying. */
  private compareAt(id: number, target: Buffer): number {
    return this.bytes.compare(target, 0, target.length, this.offsets[id], this.offsets[id + 1]);
  }

  private startsWith(id: number, target: Buffer): boolean {
    const start = this.offsets[id];
    if (this.offsets[id + 1] - start < target.length) return false;
    return this.bytes.compare(target, 0, target.length, start, start + target.length) === 0;
  }
}
