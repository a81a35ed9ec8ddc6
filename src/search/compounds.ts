/**
 * Words people write as one that names write as two: `checkbox` is BALLOT
 * BOX WITH CHECK's `check box`, `bulletpoint` is `bullet point`. A word that
 * no name, alias or keyword of any language holds is read as two name words
 * when it splits into them, the halves as even as the word allows; the answer
 * tries that reading when the words as typed and their correction find
 * nothing (answer.ts).
 */
import type { CharIndex } from '../index/charIndex.js';
import type { Term } from '../query/parse.js';
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

/** The query with each compound word split (its most even split), or null when it has none. */
export function withCompoundsSplit(index: CharIndex, query: SearchQuery): SearchQuery | null {
  let split = false;
  const terms = query.terms.flatMap((term): Term[] => {
    if (term.kind !== 'word') return [term];
    const [first] = compoundSplits(index, term.word);
    if (!first) return [term];
    split = true;
    return first.map((word) => ({ kind: 'word', word }));
  });
  if (!split) return null;
  const text = query.text.replace(/\S+/gu, (token) => {
    const [first] = compoundSplits(index, token.normalize('NFC').toLowerCase());
    return first ? first.join(' ') : token;
  });
  return { ...query, text, terms };
}
