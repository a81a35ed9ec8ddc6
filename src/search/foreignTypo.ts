/**
 * A lone word that only one other language has as a keyword, one edit from
 * an everyday English word, may be that word misspelt: `skul` is Nigerian
 * Pidgin for 🏫 SCHOOL, and one letter short of `skull` 💀. Which one was
 * meant the data cannot tell (`chien` is French for 🐕, one letter from
 * `chin`; `blume` German for 🌸, one from `plume`), so the answer lists the
 * word's own matches, then the English word's, and says so (answer.ts). A
 * word several languages share is a word: `hund` (Danish, German, Norwegian,
 * Swedish…) is 🐕, with no hands after it.
 */
import type { CharIndex } from '../index/charIndex.js';
import { SUGGEST_IN_KEYWORD } from '../index/suggestions.js';
import { entryTag } from '../index/taggedChars.js';
import { languageFamilies } from './languages.js';
import type { SearchResult } from './result.js';
import type { SearchQuery } from './search.js';

/** Shorter words are one edit from too many others to tell (`ok`, `de`). */
const SHORTEST_TYPO = 3;
/** Near English keywords considered. */
const CANDIDATES = 5;

/** How many languages (a language and its regional variants are one) have `word` in their keywords. */
function languagesWith(index: CharIndex, word: string): number {
  const family = languageFamilies(index);
  const families = new Set<number>();
  for (const entry of index.postings('keyword', word)) families.add(family[entryTag(entry)]);
  return families.size;
}

/**
 * The English word `query` likely misspells, as a query, when its one word
 * is a keyword of one language only; else null. The caller has checked that
 * the word matched (`result`) only keywords foreign to the session.
 */
export function likelyMisspelling(index: CharIndex, query: SearchQuery, result: SearchResult): SearchQuery | null {
  const [term, ...more] = query.terms;
  if (!term || more.length > 0 || term.kind !== 'word' || [...term.word].length < SHORTEST_TYPO || result.total === 0) return null;
  if (languagesWith(index, term.word) !== 1) return null;
  const near = index.suggestions.nearest(term.word, SUGGEST_IN_KEYWORD, CANDIDATES).find(({ distance }) => distance === 1);
  if (!near) return null;
  return { ...query, text: near.word, terms: [{ kind: 'word', word: near.word }] };
}
