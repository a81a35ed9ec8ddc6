/**
 * Build time: words → sorted lists of entries (char indices, or char indices
 * packed with a tag), laid out as the loader expects: a vocabulary sorted by
 * UTF-8 bytes, and one flat entries array cut by a starts array.
 */
import { vocabularySlots } from '../index/vocabulary.js';

/** Posting lists built in ascending char order, so each stays sorted without a sort. */
export class PostingBuilder {
  private readonly lists = new Map<string, number[]>();

  add(word: string, entry: number): void {
    let list = this.lists.get(word);
    if (!list) this.lists.set(word, (list = []));
    if (list[list.length - 1] !== entry) list.push(entry);
  }

  get(word: string): readonly number[] | undefined {
    return this.lists.get(word);
  }

  words(): IterableIterator<string> {
    return this.lists.keys();
  }
}

export interface EncodedVocabulary {
  words: string[];
  bytes: Buffer;
  offsets: Uint32Array;
  /** Its hash table (index/vocabulary.ts). */
  slots: Uint32Array;
}

/** UTF-16 code units reordered so that comparing them compares code points (surrogates after U+FFFF's BMP neighbours). */
function codePointOrderUnit(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}

/** Code point order, which is the order of the UTF-8 bytes. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let k = 0; k < length; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x !== y) return codePointOrderUnit(x) - codePointOrderUnit(y);
  }
  return a.length - b.length;
}

/** Sorted by UTF-8 bytes: the loader binary-searches the encoded words without decoding them. */
export function encodeVocabulary(words: Iterable<string>): EncodedVocabulary {
  const sorted = [...new Set(words)].sort(compareCodePoints);
  const encoded = sorted.map((word) => Buffer.from(word, 'utf8'));
  const offsets = new Uint32Array(encoded.length + 1);
  encoded.forEach((bytes, i) => (offsets[i + 1] = offsets[i] + bytes.length));
  const bytes = Buffer.concat(encoded);
  return { words: sorted, bytes, offsets, slots: vocabularySlots(bytes, offsets) };
}

export interface PackedPostings {
  starts: Uint32Array;
  entries: Uint32Array;
}

/** The lists of `postings`, in vocabulary order (a word it lacks gets an empty list). */
export function packPostings(vocabulary: readonly string[], postings: PostingBuilder): PackedPostings {
  const starts = new Uint32Array(vocabulary.length + 1);
  let total = 0;
  vocabulary.forEach((word, i) => {
    starts[i] = total;
    total += postings.get(word)?.length ?? 0;
  });
  starts[vocabulary.length] = total;
  const entries = new Uint32Array(total);
  vocabulary.forEach((word, i) => {
    const list = postings.get(word);
    if (list) entries.set(list, starts[i]);
  });
  return { starts, entries };
}

export interface SparsePackedPostings extends PackedPostings {
  /** Vocabulary ids of the words that have a list, ascending. */
  ids: Uint32Array;
}

/** Like packPostings, for a source few words have (aliases): only those words take room. */
export function packSparsePostings(vocabulary: readonly string[], postings: PostingBuilder): SparsePackedPostings {
  const ids: number[] = [];
  vocabulary.forEach((word, id) => {
    if (postings.get(word)) ids.push(id);
  });
  const { starts, entries } = packPostings(
    ids.map((id) => vocabulary[id]),
    postings,
  );
  return { ids: Uint32Array.from(ids), starts, entries };
}
