/**
 * A sorted word list kept as UTF-8 bytes (no 100k-string split at start),
 * with each word's posting list. Words are compared as bytes, so a prefix's
 * words are one contiguous run of ids.
 *
 * A word is looked up in a hash table of its ids made at build time (open
 * addressing, at most half full, FNV-1a over the UTF-8 bytes): one probe of
 * the table and one comparison of bytes, where a binary search within the
 * words sharing the first two bytes read a dozen places of an 80 MB file
 * (0.6 µs a lookup, a miss as dear as a hit; a query's words and their
 * candidate variants are some 30 lookups). Made at load, the table took 60 ms
 * at the first query.
 */
import { uint32View, type PagedSection } from './artefact.js';
import { lowerBound } from './postings.js';

const EMPTY = new Uint32Array(0);

/** The posting lists of one source, by word id. */
export interface PostingTable {
  entriesOf(id: number): Uint32Array;
  /** The lists of words first … end-1 back to back: one view (they are stored in word order). */
  entriesBetween(first: number, end: number): Uint32Array;
}

/**
 * A list for every word (most have one): starts[id] … starts[id+1]. Made by
 * `paged`, its tables are sections read as they are asked for (artefact.ts).
 */
export class DensePostings implements PostingTable {
  constructor(
    private readonly starts: Uint32Array,
    private readonly entries: Uint32Array,
    private readonly startsRead?: PagedSection,
    private readonly entriesRead?: PagedSection,
  ) {}

  static paged(starts: PagedSection, entries: PagedSection): DensePostings {
    return new DensePostings(uint32View(starts.bytes), uint32View(entries.bytes), starts, entries);
  }

  entriesOf(id: number): Uint32Array {
    this.startsRead?.fill(4 * id, 4 * id + 8);
    return this.entriesFrom(this.starts[id], this.starts[id + 1]);
  }

  entriesBetween(first: number, end: number): Uint32Array {
    this.startsRead?.fill(4 * first, 4 * first + 4);
    this.startsRead?.fill(4 * end, 4 * end + 4);
    return this.entriesFrom(this.starts[first], this.starts[end]);
  }

  private entriesFrom(start: number, end: number): Uint32Array {
    this.entriesRead?.fill(4 * start, 4 * end);
    return this.entries.subarray(start, end);
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

/** A query word of at most this many UTF-16 units is encoded into a buffer kept for it (3 bytes a unit at most). */
const SCRATCH_UNITS = 256;
/** Words up to this many bytes are decoded in JavaScript when ASCII. */
const SHORT_WORD = 24;
const scratch = Buffer.alloc(3 * SCRATCH_UNITS);

/** FNV-1a over `length` bytes from `start`, with a final mix so that the low bits (the slot) depend on every byte. */
export function wordHash(bytes: Uint8Array, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < start + length; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/**
 * A slot holds a word's id + 1 in its low ID_BITS and the top bits of the
 * word's hash above them, so a probe that meets another word is told apart
 * without reading that word's bytes (elsewhere in the file); 0 is empty.
 */
const ID_BITS = 20;
const ID_MASK = (1 << ID_BITS) - 1;
const tagOf = (hash: number) => (hash >>> ID_BITS) << ID_BITS;

/** The hash table of a vocabulary's words (build time): a power of two of slots, at least twice the words. */
export function vocabularySlots(bytes: Uint8Array, offsets: Uint32Array): Uint32Array {
  const words = offsets.length - 1;
  if (words >= ID_MASK) throw new Error(`a vocabulary of ${words} words: ids of ${ID_BITS} bits no longer hold them`);
  let size = 2;
  while (size < 2 * words) size *= 2;
  const slots = new Uint32Array(size);
  for (let id = 0; id < words; id++) {
    const hash = wordHash(bytes, offsets[id], offsets[id + 1] - offsets[id]);
    let slot = hash & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = (tagOf(hash) | (id + 1)) >>> 0;
  }
  return slots;
}

export class Vocabulary {
  private readonly mask: number;
  /** The last prefix looked for, and its range (see prefixRange). */
  private lastPrefix: string | null = null;
  private lastRange = { first: 0, end: 0 };
  /** The last word looked up, and its id (see id). */
  private lastWord: string | null = null;
  private lastId = -1;

  /** `read`: the three tables' sections, when they are read as asked for (artefact.ts; made by `paged`). */
  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
    private readonly tables: PostingTable[],
    private readonly slots: Uint32Array,
    private readonly read?: { bytes: PagedSection; offsets: PagedSection; slots: PagedSection },
  ) {
    this.mask = slots.length - 1;
  }

  static paged(bytes: PagedSection, offsets: PagedSection, tables: PostingTable[], slots: PagedSection): Vocabulary {
    return new Vocabulary(bytes.bytes, uint32View(offsets.bytes), tables, uint32View(slots.bytes), { bytes, offsets, slots });
  }

  /** Makes word `id`'s offsets, and with `bytes` its bytes, hold the file's. */
  private readWord(id: number, bytes: boolean): void {
    const { read } = this;
    if (read === undefined) return;
    read.offsets.fill(4 * id, 4 * id + 8);
    if (bytes) read.bytes.fill(this.offsets[id], this.offsets[id + 1]);
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  word(id: number): string {
    this.readWord(id, true);
    const { bytes, offsets } = this;
    const start = offsets[id];
    const end = offsets[id + 1];
    // Most words are a few ASCII letters: read as char codes, without a call into the decoder.
    if (end - start <= SHORT_WORD) {
      let ascii = true;
      for (let k = start; k < end && ascii; k++) ascii = bytes[k] < 0x80;
      if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    return bytes.toString('utf8', start, end);
  }

  /** The id of a word, or -1. */
  id(word: string): number {
    // A query word is looked up in a row for its lists, its stored variants and whether it is a name word: once.
    if (word === this.lastWord) return this.lastId;
    const id = this.lookedUp(word);
    this.lastWord = word;
    this.lastId = id;
    return id;
  }

  private lookedUp(word: string): number {
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

  /** The id of the word whose UTF-8 is the first `length` bytes of `target`, or -1. */
  private bytesId(target: Uint8Array, length: number): number {
    const { bytes, offsets, slots, mask } = this;
    const hash = wordHash(target, 0, length);
    const tag = tagOf(hash);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      this.read?.slots.fill(4 * slot, 4 * slot + 4);
      const value = slots[slot];
      if (value === 0) return -1;
      if (((value >>> ID_BITS) << ID_BITS) !== tag) continue;
      const id = (value & ID_MASK) - 1;
      this.readWord(id, true);
      const start = offsets[id];
      if (offsets[id + 1] - start !== length) continue;
      let k = 0;
      while (k < length && bytes[start + k] === target[k]) k++;
      if (k === length) return id;
    }
  }

  /**
   * Ids first … end-1 of the words starting with `prefix`: binary searches
   * comparing bytes in JavaScript (a Buffer.compare call apiece cost more
   * than the comparing). The last range is kept: a prefix is looked for in
   * the name vocabulary three times in a row (names, aliases, informal
   * aliases share it), and the two searches were a tenth of a prefix
   * reading's time.
   */
  prefixRange(prefix: string): { first: number; end: number } {
    if (this.lastPrefix === prefix) return this.lastRange;
    const range = this.searchedRange(prefix);
    this.lastPrefix = prefix;
    this.lastRange = range;
    return range;
  }

  private searchedRange(prefix: string): { first: number; end: number } {
    const target = encodedWord(prefix);
    const length = target.length;
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.versus(mid, target, length) < 0) low = mid + 1;
      else high = mid;
    }
    const first = low;
    let end = first;
    // Binary search for the end of the run of words sharing the prefix.
    high = this.size;
    while (end < high) {
      const mid = (end + high) >>> 1;
      if (this.startsWith(mid, target, length)) end = mid + 1;
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

  /** Word `id` against the first `length` bytes of `target`: negative when the word sorts first, 0 when they are the same. */
  private versus(id: number, target: Uint8Array, length: number): number {
    this.readWord(id, true);
    const { bytes, offsets } = this;
    const start = offsets[id];
    const size = offsets[id + 1] - start;
    const common = size < length ? size : length;
    for (let k = 0; k < common; k++) {
      const order = bytes[start + k] - target[k];
      if (order !== 0) return order;
    }
    return size - length;
  }

  private startsWith(id: number, target: Uint8Array, length: number): boolean {
    this.readWord(id, true);
    const { bytes, offsets } = this;
    const start = offsets[id];
    if (offsets[id + 1] - start < length) return false;
    for (let k = 0; k < length; k++) if (bytes[start + k] !== target[k]) return false;
    return true;
  }
}

/** A word's UTF-8 bytes, in the scratch buffer when they fit (valid until the next call). */
function encodedWord(word: string): Uint8Array {
  if (word.length > SCRATCH_UNITS) return Buffer.from(word, 'utf8');
  return scratch.subarray(0, scratch.write(word, 'utf8'));
}
