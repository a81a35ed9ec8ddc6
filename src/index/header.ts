import type { PropertiesHeader } from './charProperties.js';

/** What the index artefact's JSON header carries besides the section table. */
export interface IndexHeader {
  format: typeof INDEX_FORMAT;
  unicodeVersion: string;
  source: string;
  /** The Emoji version of the RGI sequence lists (Emoji versions have followed Unicode's since 11.0). */
  emojiVersion: string;
  cldrVersion: string;
  builtAt: string;
  /** Characters in the index: every named code point plus the controls, found by their aliases. */
  charCount: number;
  /** Code points with a Unicode name (controls have none). */
  namedCount: number;
  /** Emoji and named sequences: entries charCount … charCount+sequenceCount-1, after the code points. */
  sequenceCount: number;
  /** Names of the sequence kinds, by the id the sequenceKinds section holds. */
  sequenceKinds: string[];
  /** Distinct words of names, aliases and keywords. */
  vocabularySize: number;
  blocks: { name: string; first: number; last: number }[];
  categories: string[];
  scripts: string[];
  ages: string[];
  /**
   * The types of aliases (aliasRows.ts; the sections alias…, informalAlias…): NameAliases.txt's formal
   * aliases' (correction, control…), and those the build gives (region: a flag's region code; sequence: a
   * named sequence's name; shortcode: an emoji shortcode, `:thumbsup:`; html: an HTML entity name, `&approx;`).
   * Informal aliases are NamesList.txt's `=` lines, then the informal terms of the Names Index (Index.txt).
   */
  aliasTypes: string[];
  /** CLDR annotation languages; a keyword's or short name's language id is a position here. */
  languages: { tag: string; parent: string | null }[];
  /** The likely script of each of those languages, by its English name in lower case (ucd/languageScripts.ts: `chinese` → Hani). */
  languageScripts: [name: string, script: string][];
  /** Every name of each general category, script and block value (short name first). */
  propertyNames: { categories: string[][]; scripts: string[][]; blocks: string[][] };
  /** CLDR annotations of sequences the index does not hold (not RGI, or in a language it lacks; per language, summed). */
  skippedSequences: number;
  /**
   * Ranges of characters that the regex tables of the Node that built the
   * index call unassigned (\p{Cn}; Node 20.20 knows Unicode 17), though they are
   * ordinary characters of the data: echoed as themselves, not escaped.
   */
  lateAssigned: [first: number, last: number][];
  /** The tables of `/info`'s properties (charProperties.ts); absent in an index built before them. */
  properties?: PropertiesHeader;
  /** Query word variants found in the data (ucd/folding.ts); absent in an index built before them, which then folds nothing. */
  folding?: FoldingHeader;
}

/** See index/folding.ts and search/expansions.ts. */
export interface FoldingHeader {
  /** A word people type → name words it re-spells (`lambda` → lamda, `umlaut` → diaeresis). */
  synonyms: [word: string, nameWords: string[]][];
}

export const NO_BLOCK = 0xffff;

/** Bumped when the sections change: an index of another format is rebuilt, not misread. */
export const INDEX_FORMAT = 17;

/** Bits of the per-character flags table. */
export const FLAG_EMOJI = 1;
export const FLAG_EMOJI_PRESENTATION = 2;
