/**
 * How text becomes searchable words. The build and the query parser share
 * these, so both sides always agree on what a word is.
 */

/**
 * Words of a Unicode name or alias: lower case, split at spaces and
 * hyphens (`CJK UNIFIED IDEOGRAPH-4E00` → cjk, unified, ideograph, 4e00),
 * at the colons and commas of emoji sequence names (`FAMILY: MAN, WOMAN, GIRL`),
 * at the colons and underscores of emoji shortcodes (`:thumbs_up:`), and at
 * the ampersand and semicolon of HTML entity names (`&approx;` → approx).
 */
export function nameWords(name: string): string[] {
  return name.toLowerCase().split(NAME_SPLIT).filter((word) => word.length > 0);
}

/** What nameWords splits at (`-` last: a literal in the class below). */
const NAME_SEPARATORS = ' ,:_&;-';
const NAME_SPLIT = new RegExp(`[${NAME_SEPARATORS}]+`);
const NAME_SEPARATOR_UNITS = new Uint8Array(128);
for (const separator of NAME_SEPARATORS) NAME_SEPARATOR_UNITS[separator.charCodeAt(0)] = 1;

/** Whether a UTF-16 unit is one nameWords splits at: for reading an ASCII name's words in place. */
export function isNameSeparator(unit: number): boolean {
  return unit < 0x80 && NAME_SEPARATOR_UNITS[unit] === 1;
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
 * covers `king`. Besides these: a letter's case (SMALL, CAPITAL: of a cased
 * letter's name; BLACK SMALL SQUARE's SMALL is its own, and so is HIRAGANA
 * LETTER SMALL A's, a letter of its own beside あ), and the words of
 * the character's own script (GREEK of a Greek letter, not SQUARE of a square
 * because of Zanabazar Square, nor SEAL because of Seal script).
 */
const KIND_WORDS: ReadonlySet<string> = new Set(['letter', 'with', 'and', 'of', 'the', 'to', 'for', 'sign', 'symbol', 'syllable', 'skin', 'tone']);
const CASE_WORDS: ReadonlySet<string> = new Set(['small', 'capital']);

/** General categories of cased letters, whose names say their case. */
export const CASED_CATEGORIES: ReadonlySet<string> = new Set(['Lu', 'Ll', 'Lt']);

/** Whether a word is a kind word of every name (`letter`, `sign`). */
export function isKindWord(word: string): boolean {
  return KIND_WORDS.has(word);
}

/** Whether a word is a kind word of the names of cased letters (`small`, `capital`). */
export function isCaseWord(word: string): boolean {
  return CASE_WORDS.has(word);
}

/**
 * The script names as name words (Old_Italic → old, italic; not Linear A's
 * `a`, a letter's own name), to find the kind words of a name: its own
 * script's, and a script's whose whole name begins the name before other
 * words (DEVANAGARI DANDA and ARABIC COMMA are Common characters; SEAL is
 * not Seal script's).
 */
export class ScriptNames {
  private readonly words: readonly (readonly string[])[];
  private readonly byFirstWord = new Map<string, (readonly string[])[]>();

  constructor(scripts: readonly string[]) {
    this.words = scripts.map((script) => nameWords(script.replaceAll('_', ' ')).filter((word) => word.length > 1));
    for (const words of this.words) if (words.length > 0) this.byFirstWord.set(words[0], [...(this.byFirstWord.get(words[0]) ?? []), words]);
  }

  /** The words of script id's name. */
  wordsOf(script: number): readonly string[] {
    return this.words[script] ?? [];
  }

  /** The distinct words of a name (its nameWords) that are not kind words, for a character of script id (-1: none), a cased letter or not. */
  contentWords(words: readonly string[], script: number, cased: boolean): Set<string> {
    const own = this.wordsOf(script);
    const leading = (this.byFirstWord.get(words[0]) ?? []).find((name) => name.length < words.length && name.every((word, k) => words[k] === word)) ?? [];
    return new Set(words.filter((word) => !KIND_WORDS.has(word) && !(cased && CASE_WORDS.has(word)) && !own.includes(word) && !leading.includes(word)));
  }
}
