/**
 * Build time: for every word of the vocabularies with variants, its lists
 * merged over the variants it keeps, as the search merges them (found by
 * search/hits.ts's own wordHits over the index without them), so that a
 * query word the word cache has not kept reads them in one place instead of
 * looking up each variant's lists and merging them: those words were a
 * quarter of the bench's missed words and half of their time. By the
 * variant table's rows (ucd/variantTable.ts), five lists a row (name, alias,
 * informal alias, keyword, typed: index/charIndex.ts MergedWordLists) and
 * four counts of the work their variants' lists were charged.
 */
import type { CharIndex } from '../index/charIndex.js';
import { foundMergedLists } from '../search/hits.js';

export interface MergedListTable {
  sections: { mergedListStarts: Uint32Array; mergedListEntries: Uint32Array; mergedListVariantWork: Uint32Array };
  entries: number;
}

/** `variantKeys`: the variant table's keys, in its order (every word of it has variants). */
export function buildMergedLists(index: CharIndex, variantKeys: Uint32Array): MergedListTable {
  const starts: number[] = [0];
  const chunks: Uint32Array[] = [];
  let entries = 0;
  const variantWork = new Uint32Array(4 * variantKeys.length);
  let row = 0;
  for (const { key, word } of index.vocabularyWords()) {
    if (row === variantKeys.length || key !== variantKeys[row]) continue;
    const merged = foundMergedLists(index, word);
    // A common word may keep none of its variants (search/hits.ts FORMS_NEEDED_BELOW): its row is empty, never read.
    for (const list of merged ? [merged.name, merged.alias, merged.informal, merged.keyword, merged.typed] : [[], [], [], [], []]) {
      chunks.push(Uint32Array.from(list));
      entries += list.length;
      starts.push(entries);
    }
    if (merged) variantWork.set(merged.variantWork, 4 * row);
    row++;
  }
  if (row !== variantKeys.length) throw new Error(`merged lists for ${row} of the variant table's ${variantKeys.length} words`);
  const all = new Uint32Array(entries);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return { sections: { mergedListStarts: Uint32Array.from(starts), mergedListEntries: all, mergedListVariantWork: variantWork }, entries };
}
