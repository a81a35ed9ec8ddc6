/**
 * The words Tab offers for a prefix: words of the index's vocabularies —
 * names and aliases (one word list with three posting lists), then, if none
 * fits, CLDR keywords and short names, Unihan definitions and readings — that start with it,
 * the ones a person most likely means first: by how many entries they name
 * (the lengths of their posting lists, summed over the sources holding the
 * word), then alphabetically.
 *
 * The work is bounded: a one-letter prefix is ten thousand keyword words, so
 * a source's range is read at no more than MAX_SCANNED_WORDS places (evenly
 * spread when it is larger, so `a` offers words from all of a…az), only
 * posting list lengths are read there, and only each source's best `max`
 * words are decoded into strings. (`a` in all five sources: about 3 ms.)
 */
import type { CharIndex, WordSource } from './charIndex.js';

/**
 * Tried in turn: the words of Unicode names and aliases, and only when none
 * starts with the prefix, CLDR keywords (163 languages) and Unihan. Ranked
 * together, `hambu` offered `hamburguesa` before `hamburger` and `thum` ten
 * keywords of other languages beside `thumb`; a name's words are what an
 * English query is made of, and a word that is in no name (`кот`, `ねこ`)
 * still completes from the keywords.
 */
const SOURCE_TIERS: readonly (readonly WordSource[])[] = [
  ['name', 'alias', 'informal-alias'],
  ['keyword', 'unihan'],
];
/** Places of one source's prefix range read at most. */
export const MAX_SCANNED_WORDS = 4096;

/** Words of the index starting with `prefix` (compared in lower case), lower-cased, distinct, at most `max`, the likeliest first. */
export function completions(index: CharIndex, prefix: string, max: number): string[] {
  const wanted = prefix.toLowerCase();
  if (wanted === '' || max <= 0) return [];
  const entries = new Map<string, number>();
  for (const tier of SOURCE_TIERS) {
    for (const source of tier) {
      const words = index.postingsWithPrefix(source, wanted);
      for (const { k, count } of bestOfRange(words.count, words.postings, max)) {
        const word = words.word(k).toLowerCase();
        // Unihan keys are folded (`é` looks up `e…`): only words that really start with the prefix are offered.
        if (word.startsWith(wanted)) entries.set(word, (entries.get(word) ?? 0) + count);
      }
    }
    if (entries.size > 0) break;
  }
  return [...entries]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max)
    .map(([word]) => word);
}

/** The `max` places of a range with the longest posting lists (ties: the first in the range), from at most MAX_SCANNED_WORDS places. */
function bestOfRange(size: number, postings: (k: number) => Uint32Array, max: number): { k: number; count: number }[] {
  const step = size / Math.min(size, MAX_SCANNED_WORDS);
  const scanned: { k: number; count: number }[] = [];
  for (let place = 0; place < size; place += step) {
    const k = Math.floor(place);
    const count = postings(k).length;
    // A word of the name vocabulary that is only an alias has no name list: it is offered from the alias source.
    if (count > 0) scanned.push({ k, count });
  }
  return scanned.sort((a, b) => b.count - a.count || a.k - b.k).slice(0, max);
}
