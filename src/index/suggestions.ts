/**
 * "Did you mean": the words nearest to a misspelt one, in a few milliseconds.
 *
 * The table holds the words worth suggesting — those of names and aliases
 * and English CLDR keywords, without digits (no `4e00`-style hex words) —
 * and, for each bigram of `^word$`, the words containing it. A lookup counts
 * shared bigrams, keeps words of a similar length that share enough of them
 * (one edit changes at most three bigrams), and measures only those with an
 * edit distance that counts a swap of neighbours as one edit (`fcae` → `face`).
 */

import { Lru } from '../lru.js';
import { lowerBound, seek } from './postings.js';

/**
 * Lookups remembered: one query asks for the same word's near words several
 * times (its did-you-mean tries, the language rule's typo test, the
 * one-language typo), and one costs about a millisecond of edit distances.
 */
export const NEAREST_CACHE_BUDGET = { maxEntries: 4096, maxBytes: 1024 * 1024 };

/** Words longer than this are not words anyone misspelt. */
const LONGEST_WORD = 40;

/** Where a suggestion word occurs: only words of the current match mode are offered. */
export const SUGGEST_IN_NAME = 1;
export const SUGGEST_IN_ALIAS = 2;
export const SUGGEST_IN_KEYWORD = 4;
/**
 * A word of an HTML entity name (`ulcorn`, `olarr`, `becaus`): kept out of
 * every mask below, as such words are no typo's answer (`uicorn` is a unicorn,
 * not ⌞ `&ulcorn;`). A word that some other source has too keeps that source's bit.
 */
export const SUGGEST_IN_HTML = 8;
/** A word of any source: names, aliases or English keywords (not HTML entity names). */
export const SUGGEST_ANYWHERE = SUGGEST_IN_NAME | SUGGEST_IN_ALIAS | SUGGEST_IN_KEYWORD;

export interface SuggestionSections {
  words: Buffer;
  wordOffsets: Uint32Array;
  /** How many characters a word finds: the more, the likelier it is meant. */
  weights: Uint32Array;
  flags: Uint8Array;
  gramKeys: Uint32Array;
  gramStarts: Uint32Array;
  gramWords: Uint32Array;
}

export interface Suggestion {
  word: string;
  distance: number;
}

/** The bigrams of `^word$` as packed UTF-16 pairs. */
export function bigrams(word: string): number[] {
  const padded = `^${word}$`;
  const grams = new Set<number>();
  for (let k = 0; k + 1 < padded.length; k++) grams.add(((padded.charCodeAt(k) << 16) | padded.charCodeAt(k + 1)) >>> 0);
  return [...grams];
}

/** The three rows editDistance works in, kept between calls (a lookup measures hundreds of words). */
let rows = new Int32Array(3 * (LONGEST_WORD + 8));

/** Edit distance with adjacent swaps (optimal string alignment), or limit+1 once it must exceed limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Rows i-2, i-1 and i, rotating over the three thirds of `rows`.
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) {
    rows[beforePrevious + j] = 0;
    rows[previous + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    const unit = a.charCodeAt(i - 1);
    const unitBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    rows[current] = i;
    let rowMinimum = i;
    for (let j = 1; j < width; j++) {
      const other = b.charCodeAt(j - 1);
      const cost = unit === other ? 0 : 1;
      let value = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost);
      if (i > 1 && j > 1 && unit === b.charCodeAt(j - 2) && unitBefore === other) value = Math.min(value, rows[beforePrevious + j - 2] + 1);
      rows[current + j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    const oldest = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = oldest;
  }
  return rows[previous + b.length];
}

/** How many UTF-16 units the UTF-8 bytes[start … end-1] decode to (a 4-byte sequence is two). */
function utf16Length(bytes: Buffer, start: number, end: number): number {
  let units = 0;
  for (let at = start; at < end; at++) {
    const byte = bytes[at];
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Edits allowed for a word of this length: short words get one, or everything would be near. */
export function allowedEdits(word: string): number {
  return word.length <= 4 ? 1 : 2;
}

export class SuggestionTable {
  /** Bigrams shared, by word, during a lookup (zeroed after it). */
  private counts: Uint8Array | undefined;
  /**
   * The words counted in a lookup, in the order first met: kept between
   * lookups, as a lookup meets thousands (a growing array of them was most of
   * what a query finding nothing allocated: 200 KB).
   */
  private touched: Uint32Array | undefined;
  private readonly remembered = new Lru<string, Suggestion[]>(NEAREST_CACHE_BUDGET, (found, key) => 64 + 2 * key.length + found.reduce((sum, { word }) => sum + 48 + 2 * word.length, 0));

  constructor(private readonly sections: SuggestionSections) {}

  get size(): number {
    return this.sections.wordOffsets.length - 1;
  }

  word(id: number): string {
    const { words, wordOffsets } = this.sections;
    return words.toString('utf8', wordOffsets[id], wordOffsets[id + 1]);
  }

  /** Up to `max` words within allowedEdits() of `word` whose flags meet `wanted`, nearest and most useful first. */
  nearest(word: string, wanted: number, max: number): readonly Suggestion[] {
    const key = `${wanted} ${max} ${word}`;
    let found = this.remembered.get(key);
    if (!found) this.remembered.set(key, (found = this.lookUp(word, wanted, max)));
    return found;
  }

  /**
   * Whether a word whose flags meet `wanted` is one edit from `word` (the
   * language rule's typo test): as nearest() would find at distance 1, but
   * from the words of the word's four rarest bigrams, stopping at the first.
   */
  oneEditAway(word: string, wanted: number): boolean {
    const key = `1 ${wanted} ${word}`;
    let found = this.remembered.get(key);
    if (!found) this.remembered.set(key, (found = this.lookUp(word, wanted, 1, 1, true)));
    return found.length > 0;
  }

  /**
   * The words within `limit` edits share at least `needed` of the word's
   * bigrams (an edit changes at most three), so each holds one of its
   * grams.length - needed + 1 rarest: only those grams' words are counted,
   * and the commoner grams' lists (`e$` holds tens of thousands) are only
   * searched for them. With `first`, the first word found within the limit
   * is enough.
   */
  private lookUp(word: string, wanted: number, max: number, limit = allowedEdits(word), first = false): Suggestion[] {
    const { gramKeys, gramStarts, gramWords, flags, weights, wordOffsets } = this.sections;
    if (word.length > LONGEST_WORD) return [];
    const grams = bigrams(word);
    const needed = Math.max(1, grams.length - 3 * limit);
    const lists: Uint32Array[] = [];
    for (const gram of grams) {
      const at = lowerBound(gramKeys, gram);
      if (gramKeys[at] === gram) lists.push(gramWords.subarray(gramStarts[at], gramStarts[at + 1]));
    }
    lists.sort((a, b) => a.length - b.length);
    // A gram the table lacks is one no word shares.
    const generators = lists.length - needed + 1;
    if (generators <= 0) return [];
    const counts = (this.counts ??= new Uint8Array(this.size));
    const met = (this.touched ??= new Uint32Array(this.size));
    let metCount = 0;
    for (let k = 0; k < generators; k++) {
      for (const id of lists[k]) if (counts[id]++ === 0) met[metCount++] = id;
    }
    const touched = met.subarray(0, metCount);
    let ascending: Uint32Array | undefined;
    for (let k = generators; k < lists.length; k++) {
      const list = lists[k];
      if (touched.length * 8 > list.length) {
        for (const id of list) if (counts[id] > 0) counts[id]++;
      } else {
        ascending ??= touched.slice().sort();
        let at = 0;
        for (const id of ascending) {
          at = seek(list, id, at);
          if (at === list.length) break;
          if (list[at] === id) counts[id]++;
        }
      }
    }
    const found: (Suggestion & { weight: number })[] = [];
    for (const id of touched) {
      const shared = counts[id];
      counts[id] = 0;
      if (shared < needed || (flags[id] & wanted) === 0 || (first && found.length > 0)) continue;
      // Byte length bounds character length from above, and equals it for ASCII.
      if (wordOffsets[id + 1] - wordOffsets[id] < word.length - limit) continue;
      // A length too far from the word's is too far in edits: no need to decode it (editDistance would say limit + 1).
      if (Math.abs(utf16Length(this.sections.words, wordOffsets[id], wordOffsets[id + 1]) - word.length) > limit) continue;
      const candidate = this.word(id);
      if (candidate === word) continue;
      const distance = editDistance(word, candidate, limit);
      if (distance <= limit) found.push({ word: candidate, distance, weight: weights[id] });
    }
    found.sort((a, b) => a.distance - b.distance || b.weight - a.weight || (a.word < b.word ? -1 : 1));
    return found.slice(0, max).map(({ word: w, distance }) => ({ word: w, distance }));
  }
}
