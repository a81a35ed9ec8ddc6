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
import { CASED_CATEGORIES, isCaseWord, isKindWord, nameWords, type ScriptNames } from '../index/words.js';
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
  /** Only a case or script word can be a kind word of one name and not of another: these, distinct; null when none (half the rankings). */
  private readonly varying: VaryingWord[] | null = null;
  private readonly names: ScriptNames | null = null;

  /** `nameLists` holds, beside a word, its name list when the caller has it at hand (else it is looked up). */
  constructor(
    private readonly index: CharIndex,
    queryWords: readonly string[],
    nameLists: readonly (Uint32Array | undefined)[],
  ) {
    for (let k = 0; k < queryWords.length; k++) {
      const word = queryWords[k];
      if (queryWords.indexOf(word) < k || isKindWord(word)) continue;
      const caseWord = isCaseWord(word);
      const scriptWord = isScriptWord(index, word);
      if (!caseWord && !scriptWord) this.always++;
      else (this.varying ??= []).push({ word, caseWord, scriptWord, list: nameLists[k] ?? index.postings('name', word), at: 0 });
    }
    if (this.varying !== null) this.names = scriptNames(index);
  }

  of(entry: number): number {
    const { index, varying, names } = this;
    let count = this.always;
    if (varying === null || names === null) return count;
    const own = names.wordsOf(index.scriptId(entry));
    let cased: boolean | undefined;
    let content: Set<string> | undefined;
    // Most of the test needs no name read: the own script and the case are the entry's, whether the name has the word is its list's;
    // only a script word the entry's own script lacks may be a leading script name's (DEVANAGARI DANDA), read from the name.
    for (let k = 0; k < varying.length; k++) {
      const varied: VaryingWord = varying[k];
      if (own.includes(varied.word)) continue;
      if (varied.caseWord && (cased ??= CASED_CATEGORIES.has(index.category(entry)))) continue;
      const { list } = varied;
      const at = (varied.at = seek(list, entry, varied.at));
      if (at === list.length || list[at] !== entry) continue;
      if (!varied.scriptWord) {
        count++;
        continue;
      }
      content ??= names.contentWords(nameWords(index.name(entry)), index.scriptId(entry), (cased ??= CASED_CATEGORIES.has(index.category(entry))));
      if (content.has(varied.word)) count++;
    }
    return count;
  }
}

/** A case or script word of the query, its own name list, and where in it the last entry asked was sought (they are asked in ascending order). */
interface VaryingWord {
  word: string;
  caseWord: boolean;
  scriptWord: boolean;
  list: Uint32Array;
  at: number;
}
