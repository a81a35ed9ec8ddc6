/**
 * A sorted word list kept as UTF-8 bytes (no 100k-string split at start),
 * with each word's posting list. Words are compared as bytes, so a prefix's
 * words are one contiguous run of ids.
 */
const EMPTY = new Uint32Array(0);

export class Vocabulary {
  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
    private readonly starts: Uint32Array[],
    private readonly entries: Uint32Array[],
  ) {}

  get size(): number {
    return this.offsets.length - 1;
  }

  word(id: number): string {
    return this.bytes.toString('utf8', this.offsets[id], this.offsets[id + 1]);
  }

  /** The id of a word, or -1. */
  id(word: string): number {
    const target = Buffer.from(word, 'utf8');
    const at = this.firstAtOrAfter(target);
    return at < this.size && this.compareAt(at, target) === 0 ? at : -1;
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

  /** Posting list `list` (0: the first kind of postings, …) of word `id`. */
  postings(list: number, id: number): Uint32Array {
    if (id < 0) return EMPTY;
    const starts = this.starts[list];
    return this.entries[list].subarray(starts[id], starts[id + 1]);
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
