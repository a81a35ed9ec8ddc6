/**
 * Build time: the search side of Unihan — each ideograph's definition words
 * and readings filed under their keys (src/index/unihanWords.ts says how),
 * as (char, field and spelling) entries. A key is filed once per field of a
 * char, with the char's first spelling of it (Unihan lists the commonest
 * reading first): 更's kMandarin `gèng gēng` is geng as gèng.
 *
 * Sizes (Unihan 16.0): 25,450 keys (13,758 of them definition words),
 * 334,022 entries, 2.0 MB in the artefact; a key has at most 11 spellings
 * (ji: jì, jí, jǐ, jī, ji4, ji6…).
 */
import { packEntry } from '../index/taggedChars.js';
import { FORM_SEPARATOR, readingKey, UNIHAN_SECTIONS, UNIHAN_SOURCES, unihanItems, unihanTag, UNKNOWN_FORM } from '../index/unihanWords.js';
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
  /** Each key's spellings, in first-seen order: an entry's tag says which. */
  const forms = new Map<string, string[]>();
  const chars = unihan
    .map((entry) => ({ entry, char: charIndexOf.get(entry.codePoint) }))
    .filter((item): item is { entry: UnihanEntry; char: number } => item.char !== undefined)
    .sort((a, b) => a.char - b.char);
  for (const { entry, char } of chars) {
    UNIHAN_SOURCES.forEach(({ field }, position) => {
      const value = entry.fields[field];
      if (!value) return;
      const filed = new Set<string>();
      for (const item of unihanItems(position, value)) {
        const key = readingKey(item);
        if (key === '' || filed.has(key)) continue;
        filed.add(key);
        let spellings = forms.get(key);
        if (!spellings) forms.set(key, (spellings = []));
        let form = spellings.indexOf(item);
        // A key spelled more ways than a tag can say is shown as the key (none is: ji has the most, 11).
        if (form < 0) form = spellings.length < UNKNOWN_FORM ? spellings.push(item) - 1 : UNKNOWN_FORM;
        postings.add(key, packEntry(char, unihanTag(position, form)));
      }
    });
  }
  const vocabulary = encodeVocabulary(postings.words());
  const packed = packPostings(vocabulary.words, postings);
  const formTexts = vocabulary.words.map((word) => Buffer.from(forms.get(word)!.join(FORM_SEPARATOR), 'utf8'));
  const formOffsets = new Uint32Array(formTexts.length + 1);
  formTexts.forEach((text, k) => (formOffsets[k + 1] = formOffsets[k] + text.length));
  return {
    sections: Object.fromEntries(UNIHAN_SECTIONS.map((name, k) => [name, [vocabulary.bytes, vocabulary.offsets, vocabulary.slots, packed.starts, packed.entries, Buffer.concat(formTexts), formOffsets][k]])),
    words: vocabulary.words.length,
    entries: packed.entries.length,
  };
}
