/**
 * "Did you mean": the words nearest to a misspelt one, in a few tens of microseconds.
 *
 * The table holds the words worth suggesting — those of names and aliases
 * and English CLDR keywords, without digits (no `4e00`-style hex words) —
 * and a table of their deletion variants (symmetric deletion, as SymSpell):
 * each word with up to two of its UTF-16 units deleted, hashed to a bucket
 * that lists the words having it. Two words within `limit` edits (a swap of
 * neighbours counting as one, `fcae` → `face`) become one string when each
 * loses at most `limit` units, so a lookup reads only the buckets of its own
 * variants and measures the few words there with an edit distance. Before
 * (INDEX_FORMAT 14) the words sharing enough bigrams were counted, thousands
 * for a six-letter word, and measured: a lookup of the diverse list's query
 * words took 420–650 µs, now 45–63 µs (8,000 words, the two builds in turn),
 * and 38,388 words looked up four ways found the same words.
 *
 * The bigram count had one rule that was not a bound of the edit distance,
 * and it is kept so that no suggestion changes: a word near a short one
 * (where an edit could leave no bigram in common, `ak` and `ka`) must
 * share a bigram of `^word$` with it.
 */

import { Lru } from '../lru.js';

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

/** Words longer than this are not in the deletion table: no word looked up is within two edits of them. */
export const LONGEST_INDEXED = LONGEST_WORD + 2;

export interface SuggestionSections {
  words: Buffer;
  wordOffsets: Uint32Array;
  /** How many characters a word finds: the more, the likelier it is meant. */
  weights: Uint32Array;
  flags: Uint8Array;
  /**
   * Bucket b's words with a variant of at most one deletion hashed to it are
   * deletionWords[deletionStarts[2b] … deletionStarts[2b+1]-1], those with a
   * variant of two deletions follow up to deletionStarts[2b+2]: a lookup
   * allowed one edit reads only the first part.
   */
  deletionStarts: Uint32Array;
  deletionWords: Uint32Array;
}

export interface Suggestion {
  word: string;
  distance: number;
}

/** The bigrams of `^word$` as packed UTF-16 pairs, each once. */
export function bigrams(word: string): number[] {
  const padded = `^${word}$`;
  const grams = new Set<number>();
  for (let k = 0; k + 1 < padded.length; k++) grams.add(((padded.charCodeAt(k) << 16) | padded.charCodeAt(k + 1)) >>> 0);
  return [...grams];
}

/**
 * Calls `visit` with the hash of each variant of `word` with at most `limit`
 * (0, 1 or 2) of its UTF-16 units deleted, and the number deleted. A variant
 * may come more than once (`aab` without either `a`).
 */
export function forEachDeletion(word: string, limit: number, visit: (hash: number, deleted: number) => void): void {
  const length = word.length;
  visit(hashWithout(word, -1, -1), 0);
  if (limit < 1) return;
  for (let a = 0; a < length; a++) {
    // Deleting either unit of a run of one unit gives the same variant.
    if (a > 0 && word.charCodeAt(a) === word.charCodeAt(a - 1)) continue;
    visit(hashWithout(word, a, -1), 1);
  }
  if (limit < 2) return;
  for (let a = 0; a < length; a++) for (let b = a + 1; b < length; b++) visit(hashWithout(word, a, b), 2);
}

/** FNV-1a over the UTF-16 units of `word` but those at `skipped` and `alsoSkipped`, mixed so that the low bits (the bucket) depend on every unit. */
function hashWithout(word: string, skipped: number, alsoSkipped: number): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) if (k !== skipped && k !== alsoSkipped) hash = Math.imul(hash ^ word.charCodeAt(k), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Whether `^candidate$` has one of `grams` (bigrams()). */
function sharesBigram(candidate: string, grams: readonly number[]): boolean {
  let before = 0x5e; // ^
  for (let k = 0; k <= candidate.length; k++) {
    const unit = k < candidate.length ? candidate.charCodeAt(k) : 0x24; // $
    if (grams.includes(((before << 16) | unit) >>> 0)) return true;
    before = unit;
  }
  return false;
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

/** Edits allowed for a word of this length: short words get one, or everything would be near. */
export function allowedEdits(word: string): number {
  return word.length <= 4 ? 1 : 2;
}

export class SuggestionTable {
  /** Whether a word was met in a lookup's buckets (cleared after it). */
  private seen: Uint8Array | undefined;
  /** The words met in a lookup, in the order first met: kept between lookups, as a growing array was most of what a lookup allocated. */
  private met: Uint32Array | undefined;
  private decoded: string[] | undefined;
  private readonly remembered = new Lru<string, Suggestion[]>(NEAREST_CACHE_BUDGET, (found, key) => 64 + 2 * key.length + found.reduce((sum, { word }) => sum + 48 + 2 * word.length, 0));

  /** The deletion table's sections may be getters that read them when first asked (CharIndex does). */
  constructor(private readonly sections: SuggestionSections) {}

  get size(): number {
    return this.sections.wordOffsets.length - 1;
  }

  /**
   * A word, decoded once: a lookup measures about sixty words, and decoding
   * them and counting their UTF-16 units was a third of its time. At most
   * every word of the table (24,290, under a megabyte), as lookups ask for them.
   */
  word(id: number): string {
    // '' for a word not decoded yet (every word has two characters or more): a table of strings only, no holes.
    const decoded = (this.decoded ??= new Array<string>(this.size).fill(''));
    let word = decoded[id];
    if (word === '') {
      const { words, wordOffsets } = this.sections;
      decoded[id] = word = words.toString('utf8', wordOffsets[id], wordOffsets[id + 1]);
    }
    return word;
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
   * The words within `limit` edits: those of the buckets of the word's
   * variants, measured. With `first`, the first word found within the limit
   * is enough.
   */
  private lookUp(word: string, wanted: number, max: number, limit = allowedEdits(word), first = false): Suggestion[] {
    const { deletionStarts, deletionWords, flags, weights, wordOffsets } = this.sections;
    if (word.length > LONGEST_WORD) return [];
    const seen = (this.seen ??= new Uint8Array(this.size));
    const met = (this.met ??= new Uint32Array(this.size));
    // The table has a power of two buckets, each two runs.
    const mask = (deletionStarts.length - 1) / 2 - 1;
    let metCount = 0;
    forEachDeletion(word, limit, (hash) => {
      const bucket = hash & mask;
      // One edit allowed: the words' variants of two deletions are no help.
      const end = deletionStarts[2 * bucket + (limit < 2 ? 1 : 2)];
      for (let at = deletionStarts[2 * bucket]; at < end; at++) {
        const id = deletionWords[at];
        if (seen[id] === 0) {
          seen[id] = 1;
          met[metCount++] = id;
        }
      }
    });
    const grams = bigrams(word);
    // Where an edit could leave the two words no bigram in common, the bigram count asked for one (see the top).
    const mustShare = grams.length - 3 * limit < 1;
    const touched = met.subarray(0, metCount);
    const found: (Suggestion & { weight: number })[] = [];
    for (const id of touched) {
      seen[id] = 0;
      if ((flags[id] & wanted) === 0 || (first && found.length > 0)) continue;
      // Byte length bounds character length from above, and equals it for ASCII: a word too short is not decoded.
      if (wordOffsets[id + 1] - wordOffsets[id] < word.length - limit) continue;
      const candidate = this.word(id);
      // A length too far from the word's is too far in edits (editDistance would say limit + 1).
      if (Math.abs(candidate.length - word.length) > limit || candidate === word) continue;
      const distance = editDistance(word, candidate, limit);
      if (distance <= limit && (!mustShare || sharesBigram(candidate, grams))) found.push({ word: candidate, distance, weight: weights[id] });
    }
    found.sort((a, b) => a.distance - b.distance || b.weight - a.weight || (a.word < b.word ? -1 : 1));
    return found.slice(0, max).map(({ word: w, distance }) => ({ word: w, distance }));
  }
}
