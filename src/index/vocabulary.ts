/**
 * A sorted word list kept as UTF-8 bytes (no 100k-string split at start),
 * with each word's posting list. Words are compared as bytes, so a prefix's
 * words are one contiguous run of ids.
 *
 * A word is looked up within the run of words sharing its first two bytes
 * (where each of the 65,536 runs starts is found when first needed, 256 KB),
 * by a binary search comparing bytes in JavaScript. A query's words and their
 * variants are some 60 lookups; with Buffer.from and 19 Buffer.compare calls
 * each they were a sixth of an uncached query (3 µs a lookup, now 0.4). A hash
 * table was as fast but took 60 ms to make at the first query, and 3.5 MB;
 * finding every run start at once, 15 ms.
 */
import { lowerBound } from './postings.js';

const EMPTY = new Uint32Array(0);

/** The posting lists of one source, by word id. */
export interface PostingTable {
  entriesOf(id: number): Uint32Array;
  /** The lists of words first … end-1 back to back: one view (they are stored in word order). */
  entriesBetween(first: number, end: number): Uint32Array;
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

  entriesBetween(first: number, end: number): Uint32Array {
    return this.entries.subarray(this.starts[first], this.starts[end]);
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

  entriesBetween(first: number, end: number): Uint32Array {
    return this.entries.subarray(this.starts[lowerBound(this.ids, first)], this.starts[lowerBound(this.ids, end)]);
  }
}

/** Runs of words by their first two bytes: 2^16 keys. */
const RUN_KEYS = 0x1_0000;
const NOT_FOUND_YET = -1;
/** A query word of at most this many UTF-16 units is encoded into a buffer kept for it (3 bytes a unit at most). */
const SCRATCH_UNITS = 256;
const scratch = Buffer.alloc(3 * SCRATCH_UNITS);

/** The run key of a word from its length and first two bytes (a one-byte word is the first of its run; no word holds a NUL). */
function runKey(length: number, first: number, second: number): number {
  return length === 0 ? 0 : length === 1 ? first << 8 : (first << 8) | second;
}

export class Vocabulary {
  /** runStarts[key] … runStarts[key+1]-1: the ids of the words whose first two bytes are the key, each found when first needed. */
  private runStarts: Int32Array | undefined;

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
    // An ASCII word is its own bytes: copied into the scratch as it is checked, nothing encoded.
    let ascii = word.length <= SCRATCH_UNITS;
    for (let k = 0; k < word.length && ascii; k++) {
      const unit = word.charCodeAt(k);
      ascii = unit < 0x80;
      scratch[k] = unit;
    }
    if (ascii) return this.bytesId(scratch, word.length);
    const target = word.length <= SCRATCH_UNITS ? scratch.subarray(0, scratch.write(word, 'utf8')) : Buffer.from(word, 'utf8');
    return this.bytesId(target, target.length);
  }

  /** The id of the word whose UTF-8 is the first `length` bytes of `target`, or -1: a binary search within its run. */
  private bytesId(target: Uint8Array, length: number): number {
    const { bytes, offsets } = this;
    const key = runKey(length, target[0], target[1]);
    let low = this.runStart(key);
    let high = this.runStart(key + 1);
    while (low < high) {
      const mid = (low + high) >>> 1;
      const start = offsets[mid];
      const size = offsets[mid + 1] - start;
      const common = size < length ? size : length;
      let order = 0;
      // The first two bytes are the run's.
      for (let k = 2; k < common && order === 0; k++) order = bytes[start + k] - target[k];
      if (order === 0) order = size - length;
      if (order < 0) low = mid + 1;
      else if (order > 0) high = mid;
      else return mid;
    }
    return -1;
  }

  /** The first id whose word's run key is `key` or more (the words are sorted, so are their keys): a binary search, once per key. */
  private runStart(key: number): number {
    const starts = (this.runStarts ??= new Int32Array(RUN_KEYS + 1).fill(NOT_FOUND_YET));
    if (starts[key] !== NOT_FOUND_YET) return starts[key];
    const { bytes, offsets } = this;
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const start = offsets[mid];
      if (runKey(offsets[mid + 1] - start, bytes[start], bytes[start + 1]) < key) low = mid + 1;
      else high = mid;
    }
    starts[key] = low;
    return low;
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

  /** The lists of words first … end-1 in table `table` back to back, as one view: not sorted, not distinct. */
  entriesBetween(table: number, first: number, end: number): Uint32Array {
    return first >= end ? EMPTY : this.tables[table].entriesBetween(first, end);
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
