/** Build time: the "did you mean" table (see src/index/suggestions.ts for how it is read). */
import { forEachDeletion, LONGEST_INDEXED, type SuggestionSections } from '../index/suggestions.js';

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

  const { deletionStarts, deletionWords } = deletionTable(words.map(({ word }) => word));
  return {
    words: Buffer.concat(encoded),
    wordOffsets,
    weights: Uint32Array.from(words, ({ weight }) => weight),
    flags: Uint8Array.from(words, ({ flags }) => flags),
    deletionStarts,
    deletionWords,
  };
}

/**
 * Each word's variants of up to two deletions (forEachDeletion), a word once
 * in each half of a bucket: the variants of at most one deletion first, of
 * two after. About two variants a bucket (467,660 for 24,290 words).
 */
export function deletionTable(words: readonly string[]): Pick<SuggestionSections, 'deletionStarts' | 'deletionWords'> {
  const hashes: number[] = [];
  const halves: number[] = [];
  const ids: number[] = [];
  words.forEach((word, id) => {
    if (word.length > LONGEST_INDEXED) return;
    forEachDeletion(word, 2, (hash, deleted) => {
      hashes.push(hash);
      halves.push(deleted < 2 ? 0 : 1);
      ids.push(id);
    });
  });
  let buckets = 1;
  while (buckets < ids.length / 4) buckets *= 2;
  const slotOf = (k: number) => 2 * (hashes[k] & (buckets - 1)) + halves[k];
  // A word's variants come together, so a word already in a slot was the last put there.
  const last = new Int32Array(2 * buckets).fill(-1);
  const kept = (k: number) => {
    const slot = slotOf(k);
    if (last[slot] === ids[k]) return false;
    last[slot] = ids[k];
    return true;
  };
  const deletionStarts = new Uint32Array(2 * buckets + 1);
  for (let k = 0; k < ids.length; k++) if (kept(k)) deletionStarts[slotOf(k) + 1]++;
  for (let slot = 0; slot < 2 * buckets; slot++) deletionStarts[slot + 1] += deletionStarts[slot];
  const deletionWords = new Uint32Array(deletionStarts[2 * buckets]);
  const filled = deletionStarts.slice(0, -1);
  last.fill(-1);
  for (let k = 0; k < ids.length; k++) if (kept(k)) deletionWords[filled[slotOf(k)]++] = ids[k];
  return { deletionStarts, deletionWords };
}
