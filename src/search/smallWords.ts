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
 */
export function exactWordsOf(index: CharIndex, words: string[], mode: MatchMode): ExactWords {
  const typed = exactlyWords(index, words);
  if (mode === 'names' || typed.matches.length > 0) return typed;
  const spelt = words.map((word) => (/^[0-9]+$/.test(word) ? (numberVariant(word) ?? word) : word));
  if (spelt.some((word, k) => word !== words[k])) {
    const asSpelt = exactlyWords(index, spelt);
    if (asSpelt.matches.length > 0) return asSpelt;
  }
  if (!words.some((word) => SMALL_WORDS.has(word))) return typed;
  const required = words.filter((word) => !SMALL_WORDS.has(word));
  return required.length > 0 ? exactlyWords(index, required) : typed;
}

function exactlyWords(index: CharIndex, words: string[]): ExactWords {
  const nameLists = words.map((word) => index.postings('name', word));
  return { words, matches: index.exactMatches(words, nameLists), shortestNameList: Math.min(...nameLists.map((list) => list.length)) };
}
