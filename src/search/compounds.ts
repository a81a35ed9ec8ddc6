/**
 * Words people write as one that names write as two: `checkbox` is BALLOT
 * BOX WITH CHECK's `check box`, `bulletpoint` is `bullet point`. A word that
 * no name, alias or keyword of any language holds is read as two name words
 * when it splits into them, the halves as even as the word allows; the answer
 * tries that reading when the words as typed and their correction find
 * nothing (answer.ts).
 */
import type { CharIndex } from '../index/charIndex.js';
import type { FilterNames } from '../query/filters.js';
import { correctedQuery } from './correction.js';
import type { SearchQuery } from './search.js';

/** Each half of a compound read anywhere in a name has at least this many letters: `a` + `bout` is no compound anyone meant. */
const SHORTEST_HALF = 3;

/**
 * Every way `word`, which no source holds, is two name words, from the left;
 * each half at least `shortestHalf` letters. Also for the words a name has
 * side by side (expansions.ts joinedWords: `forall` → FOR ALL).
 */
export function nameWordSplits(index: CharIndex, word: string, shortestHalf: number): [string, string][] {
  const letters = [...word];
  if (letters.length < 2 * shortestHalf || index.holdsWord(word)) return [];
  const splits: [string, string][] = [];
  for (let at = shortestHalf; at <= letters.length - shortestHalf; at++) {
    const head = letters.slice(0, at).join('');
    const tail = letters.slice(at).join('');
    if (index.isNameWord(head) && index.isNameWord(tail)) splits.push([head, tail]);
  }
  return splits;
}

/** The two name words `word` is made of, the most even split first; none when some source holds the word itself. */
export function compoundSplits(index: CharIndex, word: string): [string, string][] {
  const middle = [...word].length / 2;
  const evenness = ([head]: [string, string]) => Math.abs([...head].length - middle);
  return nameWordSplits(index, word, SHORTEST_HALF).sort((a, b) => evenness(a) - evenness(b));
}

/** The query with each compound word split (its most even split), respelt as a correction is (correction.ts); null when it has none. */
export function withCompoundsSplit(index: CharIndex, query: SearchQuery, names: FilterNames): SearchQuery | null {
  const splits = new Map<string, string>();
  for (const term of query.terms) {
    if (term.kind !== 'word') continue;
    const [first] = compoundSplits(index, term.word);
    if (first) splits.set(term.word, first.join(' '));
  }
  return splits.size > 0 ? correctedQuery(query, splits, names) : null;
}
