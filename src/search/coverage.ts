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
import { seek } from '../index/postings.js';
import { CASED_CATEGORIES, isCaseWord, isKindWord, nameWords } from '../index/words.js';
import { isScriptWord, scriptNames } from './scripts.js';

/**
 * For entries whose name holds every query word, asked in ascending order
 * (the ranking's): how many of the words are the name's content words.
 *
 * Made once a ranking, with no closure, set or copy of the words, and
 * each entry's cheap tests (its own script, its case) made before its name
 * list is sought, which is walked, not searched from the start: half the
 * diverse bench's rankings have a case or script word (`hangul`, `small`),
 * and the closure this was, with its set and copies, was a tenth of the
 * ranking's time.
 */
export class QueryCoverage {
  /** Distinct query words that are content words of every name: neither kind, case nor script words. */
  private readonly always: number = 0;
  /** Only a case or script word can be a kind word of one name and not of another: these, distinct. */
  private readonly varying: string[] = [];
  private readonly caseWord: boolean[] = [];
  private readonly scriptWord: boolean[] = [];
  /** Each varying word's own name list, and where in it the last entry asked was sought (asked in ascending order). */
  private readonly lists: Uint32Array[] = [];
  private readonly at: number[] = [];

  constructor(
    private readonly index: CharIndex,
    queryWords: readonly string[],
  ) {
    for (let k = 0; k < queryWords.length; k++) {
      const word = queryWords[k];
      if (queryWords.indexOf(word) < k || isKindWord(word)) continue;
      const caseWord = isCaseWord(word);
      const scriptWord = isScriptWord(index, word);
      if (!caseWord && !scriptWord) {
        this.always++;
        continue;
      }
      this.varying.push(word);
      this.caseWord.push(caseWord);
      this.scriptWord.push(scriptWord);
      this.lists.push(index.postings('name', word));
      this.at.push(0);
    }
  }

  of(entry: number): number {
    const { index, varying } = this;
    let count = this.always;
    if (varying.length === 0) return count;
    const names = scriptNames(index);
    const own = names.wordsOf(index.scriptId(entry));
    let cased: boolean | undefined;
    let content: Set<string> | undefined;
    // Most of the test needs no name read: the own script and the case are the entry's, whether the name has the word is its list's;
    // only a script word the entry's own script lacks may be a leading script name's (DEVANAGARI DANDA), read from the name.
    for (let k = 0; k < varying.length; k++) {
      const word = varying[k];
      if (own.includes(word)) continue;
      if (this.caseWord[k] && (cased ??= CASED_CATEGORIES.has(index.category(entry)))) continue;
      const list = this.lists[k];
      const at = (this.at[k] = seek(list, entry, this.at[k]));
      if (at === list.length || list[at] !== entry) continue;
      if (!this.scriptWord[k]) {
        count++;
        continue;
      }
      content ??= names.contentWords(nameWords(index.name(entry)), index.scriptId(entry), (cased ??= CASED_CATEGORIES.has(index.category(entry))));
      if (content.has(word)) count++;
    }
    return count;
  }
}
