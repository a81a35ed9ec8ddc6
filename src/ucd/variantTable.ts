/**
 * Build time: every word of the vocabularies with its variants
 * (search/expansions.ts), found by the search's own rules over the index as
 * the search reads it, so that a query word of the vocabularies reads them
 * instead of trying a dozen candidate forms (10 µs a word of an uncached
 * query). Layout: index/variants.ts.
 */
import type { CharIndex } from '../index/charIndex.js';
import { packVariant } from '../index/variants.js';
import { foundVariants } from '../search/expansions.js';

export interface VariantTable {
  sections: { variantKeys: Uint32Array; variantStarts: Uint32Array; variantEntries: Uint32Array };
  words: number;
  variants: number;
}

export function buildVariantTable(index: CharIndex): VariantTable {
  const keys: number[] = [];
  const starts: number[] = [0];
  const entries: number[] = [];
  for (const { key, word } of index.vocabularyWords()) {
    const variants = foundVariants(index, word);
    if (variants.length === 0) continue;
    for (const variant of variants) {
      const entry = index.variantEntryOf(variant.word);
      if (entry < 0) throw new Error(`variant '${variant.word}' of '${word}' is in no vocabulary`);
      entries.push(packVariant(entry, variant.rule));
    }
    keys.push(key);
    starts.push(entries.length);
  }
  return {
    sections: { variantKeys: Uint32Array.from(keys), variantStarts: Uint32Array.from(starts), variantEntries: Uint32Array.from(entries) },
    words: keys.length,
    variants: entries.length,
  };
}
