/**
 * The characters one query term matches, kept apart by source — name,
 * formal alias, informal alias, CLDR keyword — so the ranking can tell an
 * exact name from a keyword hit without looking again.
 */
import type { CharIndex, WordSource } from '../index/charIndex.js';
import { difference, intersect, union } from '../index/postings.js';
import { entryChar, packEntry } from '../index/taggedChars.js';
import { nameWords, textWords } from '../index/words.js';
import type { Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import { EMPTY_CHARS } from './result.js';

export interface TermHits {
  term: Term;
  /** Chars having the term in their name. */
  name: Uint32Array;
  /** Chars having it in a formal alias, not in the name. */
  alias: Uint32Array;
  /** Chars having it in an informal alias only. */
  informal: Uint32Array;
  /** (char, language) entries of chars having it only in CLDR annotations. */
  keyword: Uint32Array;
  keywordChars: Uint32Array;
  /** Every char the term matches. */
  all: Uint32Array;
  /** For a prefix: the keyword words it stands for, when few enough to name in a note. */
  keywordWords: string[];
}

/** A prefix expanding to more keyword words than this is named in notes as `prefix*`. */
const MAX_NAMED_EXPANSIONS = 32;

export function termHits(index: CharIndex, term: Term, mode: MatchMode): TermHits {
  switch (term.kind) {
    case 'word':
      return assemble(
        term,
        mode,
        (source) => index.postings(source, term.word),
        [term.word],
      );
    case 'prefix':
      return prefixHits(index, term, mode);
    case 'phrase':
      return phraseHits(index, term, mode);
  }
}

function assemble(term: Term, mode: MatchMode, postings: (source: WordSource) => Uint32Array, keywordWords: string[]): TermHits {
  const name = postings('name');
  if (mode === 'names') {
    return { term, name, alias: EMPTY_CHARS, informal: EMPTY_CHARS, keyword: EMPTY_CHARS, keywordChars: EMPTY_CHARS, all: name, keywordWords: [] };
  }
  const alias = postings('alias');
  const informal = postings('informal-alias');
  const keyword = postings('keyword');
  const keywordChars = distinctChars(keyword);
  return { term, name, alias, informal, keyword, keywordChars, all: union([name, alias, informal, keywordChars]), keywordWords };
}

function prefixHits(index: CharIndex, term: Extract<Term, { kind: 'prefix' }>, mode: MatchMode): TermHits {
  const expansion = (source: WordSource) => index.postingsWithPrefix(source, term.prefix);
  const keywords = expansion('keyword');
  const keywordWords = keywords.count <= MAX_NAMED_EXPANSIONS ? Array.from({ length: keywords.count }, (_, k) => keywords.word(k)) : [];
  return assemble(
    term,
    mode,
    (source) => {
      const { count, postings } = source === 'keyword' ? keywords : expansion(source);
      const lists = Array.from({ length: count }, (_, k) => postings(k));
      return source === 'keyword' ? sortedUnion(lists) : union(lists);
    },
    keywordWords,
  );
}

/** A phrase matches where its words stand adjacent, in order, in one name, alias or short name. */
function phraseHits(index: CharIndex, term: Extract<Term, { kind: 'phrase' }>, mode: MatchMode): TermHits {
  const name = index.charsWithNamePhrase(term.words);
  const alias: number[] = [];
  const informal: number[] = [];
  const keyword: number[] = [];
  if (mode === 'all') {
    const candidates = intersect(term.words.map((word) => termHits(index, { kind: 'word', word }, mode).all));
    for (const char of difference(candidates, name)) {
      if (index.aliases(char).some(({ alias: text }) => holdsPhrase(nameWords(text), term.words))) alias.push(char);
      else if (index.informalAliases(char).some((text) => holdsPhrase(textWords(text), term.words))) informal.push(char);
      else {
        for (const { language, text } of index.shortNames(char)) {
          // Most short names lack the words: a substring test spares splitting them.
          const lower = text.toLowerCase();
          if (term.words.every((word) => lower.includes(word)) && holdsPhrase(textWords(text), term.words)) keyword.push(packEntry(char, language));
        }
      }
    }
  }
  const lists: Record<WordSource, Uint32Array> = {
    name,
    alias: Uint32Array.from(alias),
    'informal-alias': Uint32Array.from(informal),
    keyword: Uint32Array.from(keyword),
  };
  return assemble(term, mode, (source) => lists[source], [term.words.join(' ')]);
}

export function holdsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, k) => words[start + k] === word)) return true;
  }
  return false;
}

/** The chars of sorted (char, language) entries, each once. */
export function distinctChars(entries: Uint32Array): Uint32Array {
  if (entries.length === 0) return EMPTY_CHARS;
  const out = new Uint32Array(entries.length);
  let n = 0;
  for (const entry of entries) {
    const char = entryChar(entry);
    if (n === 0 || out[n - 1] !== char) out[n++] = char;
  }
  return out.subarray(0, n);
}

/** Union of many sorted lists of packed entries (too sparse for a bitmap): concatenate, sort, drop repeats. */
function sortedUnion(lists: Uint32Array[]): Uint32Array {
  if (lists.length <= 1) return lists[0] ?? EMPTY_CHARS;
  const all = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  all.sort();
  let n = 0;
  for (let k = 0; k < all.length; k++) if (n === 0 || all[n - 1] !== all[k]) all[n++] = all[k];
  return all.subarray(0, n);
}
