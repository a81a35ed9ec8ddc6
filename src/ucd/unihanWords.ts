/**
 * Build time: the search side of Unihan — each ideograph's definition words
 * and readings filed under their keys (src/index/unihanWords.ts says how),
 * as (char, field) entries. A key is filed once per field of a char (水's
 * kJapanese スイ and kJapaneseOn SUI both give すい and sui, apart).
 *
 * Sizes (Unihan 16.0): about 13,800 definition words and 425,000 entries
 * in all; see the build report.
 */
import { packEntry } from '../index/taggedChars.js';
import { readingKey, UNIHAN_SECTIONS, UNIHAN_SOURCES, unihanItems } from '../index/unihanWords.js';
import { encodeVocabulary, packPostings, PostingBuilder } from './postingLists.js';
import type { UnihanEntry } from './unihan.js';

export interface UnihanWordSections {
  sections: Record<string, ArrayBufferView>;
  /** Distinct keys. */
  words: number;
  /** (key, char, field) entries. */
  entries: number;
}

/** `charIndexOf`: the index's entry of a code point; Unihan lists only ideographs the index has, but any it lacks is skipped. */
export function buildUnihanWords(unihan: readonly UnihanEntry[], charIndexOf: ReadonlyMap<number, number>): UnihanWordSections {
  const postings = new PostingBuilder();
  const chars = unihan
    .map((entry) => ({ entry, char: charIndexOf.get(entry.codePoint) }))
    .filter((item): item is { entry: UnihanEntry; char: number } => item.char !== undefined)
    .sort((a, b) => a.char - b.char);
  for (const { entry, char } of chars) {
    UNIHAN_SOURCES.forEach(({ field }, tag) => {
      const value = entry.fields[field];
      if (!value) return;
      for (const item of unihanItems(tag, value)) {
        const key = readingKey(item);
        if (key !== '') postings.add(key, packEntry(char, tag));
      }
    });
  }
  const vocabulary = encodeVocabulary(postings.words());
  const packed = packPostings(vocabulary.words, postings);
  return {
    sections: Object.fromEntries(UNIHAN_SECTIONS.map((name, k) => [name, [vocabulary.bytes, vocabulary.offsets, packed.starts, packed.entries][k]])),
    words: vocabulary.words.length,
    entries: packed.entries.length,
  };
}
