/**
 * How text becomes searchable words. The build and the query parser share
 * these, so both sides always agree on what a word is.
 */

/**
 * Words of a Unicode name or formal alias: lower case, split at spaces and
 * hyphens (`CJK UNIFIED IDEOGRAPH-4E00` → cjk, unified, ideograph, 4e00),
 * and at the colons and commas of emoji sequence names (`FAMILY: MAN, WOMAN, GIRL`).
 */
export function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[ ,:-]+/).filter((word) => word.length > 0);
}

/** Anything that is not a letter, mark or digit separates words, in any script. */
const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
const WORD_SEPARATOR = /[^\p{L}\p{M}\p{N}]/u;

/**
 * Words of free text in any language (queries, informal aliases, CLDR
 * keywords): NFC, lower case, split at anything not a letter, mark or digit
 * (`cara de gato` → cara, de, gato; `猫` → 猫; `heart-shaped` → heart, shaped).
 * For the ASCII names of Unicode this agrees with nameWords().
 */
/** Whether free text is one word of textWords, with nothing to split it at (`cat`, not `cat face`). */
export function isOneWord(text: string): boolean {
  return text !== '' && !WORD_SEPARATOR.test(text);
}

export function textWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(WORD_SEPARATORS).filter((word) => word.length > 0);
}

/**
 * Words of a name that say what kind of character it is, not which one:
 * GREEK SMALL LETTER ALPHA is, to a person, `alpha`. How much of a name a
 * query covers is counted over the other words (see search/ranking.ts), so
 * `alpha` covers all of GREEK SMALL LETTER ALPHA and a third of WHITE CHESS KING
 * covers `king`. The words of script names (greek, old, south, arabian…) count too.
 */
const KIND_WORDS = ['letter', 'small', 'capital', 'with', 'and', 'of', 'the', 'to', 'for', 'sign', 'symbol', 'syllable', 'skin', 'tone'];

export function kindWords(scriptNames: readonly string[]): Set<string> {
  // Not the letters of Linear_A and Linear_B: `a` is a letter's own name.
  const scriptWords = scriptNames.flatMap((script) => nameWords(script.replaceAll('_', ' '))).filter((word) => word.length > 1);
  return new Set([...KIND_WORDS, ...scriptWords]);
}
