/**
 * How the index stores a word's variants (search/expansions.ts says what they
 * are; ucd/variantTable.ts finds them at build time): one u32 per variant,
 * the variant word's vocabulary and id, and the rule that gives it.
 *
 *   bits 0–19   the word's id in its vocabulary
 *   bits 20–22  the rule, an index into VARIANT_RULES
 *   bit 23      the word is in the keyword vocabulary (else the name vocabulary)
 */
export const VARIANT_RULES = ['fold', 'inflection', 'derivation', 'wards', 'number', 'synonym'] as const;
export type VariantRule = (typeof VARIANT_RULES)[number];

export const VARIANT_ID_MASK = (1 << 20) - 1;
export const VARIANT_IN_KEYWORDS = 1 << 23;
const RULE_SHIFT = 20;

/** A variant entry from a word's entry (index variantEntryOf: vocabulary and id) and its rule. */
export function packVariant(wordEntry: number, rule: VariantRule): number {
  return (wordEntry | (VARIANT_RULES.indexOf(rule) << RULE_SHIFT)) >>> 0;
}

export function variantRule(entry: number): VariantRule {
  return VARIANT_RULES[(entry >>> RULE_SHIFT) & 7];
}

export const EMPTY_VARIANTS = new Uint32Array(0);
