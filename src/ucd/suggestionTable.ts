/** Build time: the "did you mean" table (see src/index/suggestions.ts for how it is read). */
import { bigrams, type SuggestionSections } from '../index/suggestions.js';

export interface SuggestionWord {
  word: string;
  /** Characters it finds. */
  weight: number;
  /** SUGGEST_IN_* bits. */
  flags: number;
}

const HAS_DIGIT = /\p{N}/u;

/** Words worth suggesting: at least two characters, no digits (hex suffixes such as `4e00` are not typos of anything). */
export function isSuggestible(word: string): boolean {
  return word.length >= 2 && !HAS_DIGIT.test(word);
}

export function buildSuggestionTable(candidates: Iterable<SuggestionWord>): SuggestionSections {
  const byWord = new Map<string, SuggestionWord>();
  for (const candidate of candidates) {
    if (!isSuggestible(candidate.word)) continue;
    const known = byWord.get(candidate.word);
    if (known) {
      known.weight += candidate.weight;
      known.flags |= candidate.flags;
    } else byWord.set(candidate.word, { ...candidate });
  }
  const words = [...byWord.values()].sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const encoded = words.map(({ word }) => Buffer.from(word, 'utf8'));
  const wordOffsets = new Uint32Array(words.length + 1);
  encoded.forEach((bytes, i) => (wordOffsets[i + 1] = wordOffsets[i] + bytes.length));

  const grams = new Map<number, number[]>();
  words.forEach(({ word }, id) => {
    for (const gram of bigrams(word)) {
      let list = grams.get(gram);
      if (!list) grams.set(gram, (list = []));
      list.push(id);
    }
  });
  const gramKeys = Uint32Array.from(grams.keys()).sort();
  const gramStarts = new Uint32Array(gramKeys.length + 1);
  gramKeys.forEach((gram, i) => (gramStarts[i + 1] = gramStarts[i] + grams.get(gram)!.length));
  const gramWords = new Uint32Array(gramStarts[gramKeys.length]);
  gramKeys.forEach((gram, i) => gramWords.set(grams.get(gram)!, gramStarts[i]));

  return {
    words: Buffer.concat(encoded),
    wordOffsets,
    weights: Uint32Array.from(words, ({ weight }) => weight),
    flags: Uint8Array.from(words, ({ flags }) => flags),
    gramKeys,
    gramStarts,
    gramWords,
  };
}
