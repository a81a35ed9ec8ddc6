/**
 * How many of a query's words are content words of a name: what the ranking
 * divides by the name's own content words (index contentWordCount) to tell
 * how much of the name the query covers. Kind words (words.ts) count on
 * neither side: `letter`, `sign` always; `small` and `capital` in a cased
 * letter's name; a script's words in the names of its characters and of names it
 * begins (`greek alpha` covers all of GREEK SMALL LETTER ALPHA, `danda` all of
 * DEVANAGARI DANDA, `old key` both words of OLD KEY).
 */
import type { CharIndex } from '../index/charIndex.js';
import { CASED_CATEGORIES, isCaseWord, isKindWord, nameWords } from '../index/words.js';
import { isScriptWord, scriptNames } from './scripts.js';
import { contains } from '../index/postings.js';

/** For entries whose name holds every query word: how many of them are the name's content words. */
export function queryCoverage(index: CharIndex, queryWords: readonly string[]): (entry: number) => number {
  const words = [...new Set(queryWords)].filter((word) => !isKindWord(word));
  // Only a case or script word can be a kind word of one name and not of another.
  const varying = words.filter((word) => isCaseWord(word) || isScriptWord(index, word));
  const always = words.length - varying.length;
  if (varying.length === 0) return () => always;
  const names = scriptNames(index);
  // Most of the test needs no name read: whether the name has the word is its list's, the case and own script are the entry's;
  // only a script word the entry's own script lacks may be a leading script name's (DEVANAGARI DANDA), read from the name.
  const lists = varying.map((word) => index.postings('name', word));
  const scriptWord = varying.map((word) => isScriptWord(index, word));
  return (entry) => {
    let count = always;
    let content: Set<string> | null = null;
    const cased = CASED_CATEGORIES.has(index.category(entry));
    const own = names.wordsOf(index.scriptId(entry));
    for (let k = 0; k < varying.length; k++) {
      const word = varying[k];
      if (!contains(lists[k], entry) || (cased && isCaseWord(word)) || own.includes(word)) continue;
      if (!scriptWord[k]) {
        count++;
        continue;
      }
      content ??= names.contentWords(nameWords(index.name(entry)), index.scriptId(entry), cased);
      if (content.has(word)) count++;
    }
    return count;
  };
}
