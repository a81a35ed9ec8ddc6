/**
 * Small words people type between the words of a name, which the name may
 * lack or spell with a hyphen: `plus or minus` means ± PLUS-MINUS SIGN,
 * `face with tears of joy` 😂. In `/match all`, beside other words, a small
 * word (expansions.ts SMALL_WORDS) is optional: the matches are those of the
 * other words. It still counts for an exact match: `for all` is exactly
 * ∀ FOR ALL; when no name, alias or short name is exactly the words as
 * typed, the words without the small ones are tried (`plus minus` is exactly
 * PLUS-MINUS SIGN, so ± comes first, before ∓ MINUS-OR-PLUS SIGN). Digits
 * are spelt out for an exact match too: `circled 1` is exactly CIRCLED DIGIT ONE.
 * A query of small words only (`the`, `or`) searches them as typed.
 */
import type { CharIndex, ExactMatch } from '../index/charIndex.js';
import type { Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import { numberVariant, SMALL_WORDS } from './expansions.js';

const isSmallWord = (term: Term) => term.kind === 'word' && SMALL_WORDS.has(term.word);

/** The terms that must match: all of them, or in `/match all` those that are not small words when some are not. */
export function requiredTerms(terms: readonly Term[], mode: MatchMode): readonly Term[] {
  if (mode === 'names' || !terms.some(isSmallWord) || terms.every(isSmallWord)) return terms;
  return terms.filter((term) => !isSmallWord(term));
}

/** The words an exact match is sought for, what is exactly them, and the shortest of their name lists (what finding that costs). */
export interface ExactWords {
  words: string[];
  matches: readonly ExactMatch[];
  shortestNameList: number;
}

/**
 * The words an exact match is sought for: as typed when something is exactly
 * them, else with digits spelt out when that is (`subscript 2` is exactly
 * SUBSCRIPT TWO), else without the small words.
 *
 * Given `within` (the query's matches, ascending), the exact names found are
 * only those among them, which are all the ranking asks about: the names
 * holding every word are then sought from the matches (one or a few, for
 * most queries), not walked from the shortest name list (`letter`, `small`
 * and `a` gallop through hundreds). The exact matches were 11% of the
 * diverse bench's engine time. Only when the words have another reading
 * (digits, small words) is the choice between readings made, as before,
 * from exact matches anywhere.
 */
export function exactWordsOf(index: CharIndex, words: string[], mode: MatchMode, within?: Uint32Array, ownNames: (word: string) => number | undefined = () => undefined): ExactWords {
  if (mode === 'names') return exactlyWords(index, words, ownNames, within);
  // Most queries have no small word and no number: no respelt copy of their words is made.
  let spelt: string[] | null = null;
  let hasSmallWords = false;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    if (SMALL_WORDS.has(word)) hasSmallWords = true;
    const variant = isDigits(word) ? numberVariant(word) : null;
    if (variant !== null && variant !== word) (spelt ??= words.slice())[k] = variant;
  }
  if (spelt === null && !hasSmallWords) return exactlyWords(index, words, ownNames, within);
  const typed = exactlyWords(index, words, ownNames);
  if (typed.matches.length > 0) return typed;
  if (spelt !== null) {
    const asSpelt = exactlyWords(index, spelt, ownNames);
    if (asSpelt.matches.length > 0) return asSpelt;
  }
  if (!hasSmallWords) return typed;
  const required = words.filter((word) => !SMALL_WORDS.has(word));
  return required.length > 0 ? exactlyWords(index, required, ownNames) : typed;
}

/** Whether a word is ASCII digits only (`2`, `1000`), which may be spelt out. */
function isDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let k = 0; k < word.length; k++) {
    const unit = word.charCodeAt(k);
    if (unit < 0x30 || unit > 0x39) return false;
  }
  return true;
}

/** `ownNames` knows how many names hold a word of the query as typed (its hits have it): the others are looked up. */
function exactlyWords(index: CharIndex, words: string[], ownNames: (word: string) => number | undefined, within?: Uint32Array): ExactWords {
  let shortestNameList = Infinity;
  for (const word of words) shortestNameList = Math.min(shortestNameList, ownNames(word) ?? index.postings('name', word).length);
  return { words, matches: index.exactMatches(words, within), shortestNameList };
}
