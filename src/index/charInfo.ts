/**
 * Everything known of one character, or of a sequence of code points: what
 * `/info`, `GET /api/char/…` and `charfinder info` answer, as JSON-ready
 * values (the wire format is this shape; src/http/wire.ts re-exports it for
 * the page). Types only, so the browser's build can share the file; the
 * values are made in describeChar.ts.
 */

/** A code point named briefly: in cross-references and a sequence's parts. */
export interface CodePointBrief {
  cp: string;
  char: string;
  name: string;
  category: string;
}

/** Each null where that form cannot hold the text (a surrogate code point): see encodings.ts. */
export interface Encodings {
  /** `F0 9F 98 B8` */
  utf8: string | null;
  /** `D83D DE38`: 16-bit code units */
  utf16: string | null;
  /** `0001F638` */
  utf32: string | null;
}

export interface Escapes {
  /** `&#x1F638;` */
  html: string | null;
  /** `\1F638` */
  css: string | null;
  /** `\u{1F638}`; `\u00E9` in the basic plane */
  javascript: string;
  /** `\U0001F638`; `\u00E9` in the basic plane */
  python: string;
  /** `\u{1F638}` */
  rust: string | null;
  /** `%F0%9F%98%B8`: every UTF-8 byte percent-encoded */
  url: string | null;
}

/** CLDR's short name and keywords for the character in one language. */
export interface CldrNames {
  language: string;
  name: string | null;
  keywords: string[];
}

/** The versions of the data an answer comes from, as the index states them. */
export interface DataSources {
  unicode: string;
  emoji: string;
  cldr: string;
}

export interface CharInfo {
  kind: 'char';
  /** `U+1F638` */
  cp: string;
  /** The character itself (escaped on the wire where a terminal could act on it). */
  char: string;
  /** `❤️`: the character with U+FE0F, when it is an emoji shown as text by default; else null. */
  emojiForm: string | null;
  name: string;
  block: string;
  /** General category, short (`So`); its long name in categoryName. */
  category: string;
  categoryName: string;
  /** The Unicode version that added it; null for code points the index does not hold. */
  age: string | null;
  script: string;
  /** Aliases and their type: NameAliases.txt's, emoji shortcodes (`shortcode`, `:thumbsup:`) and HTML entity names (`html`, `&approx;`). */
  aliases: { alias: string; type: string }[];
  /** Informal aliases: NamesList's `=` lines, then the Names Index's informal terms (`maplet`, `non-breaking space`). */
  informalAliases: string[];
  bidiClass: string | null;
  eastAsianWidth: string | null;
  /** `{ type: 'canonical', codePoints: ['U+0065', 'U+0301'] }`; null when it has none. */
  decomposition: { type: string; codePoints: string[] } | null;
  /** Full case mappings as code points; [] when the character maps to itself. */
  uppercase: string[];
  lowercase: string[];
  titlecase: string[];
  /** `{ type: 'Decimal', value: '5' }` (value may be a fraction, `1/2`); null when not numeric. */
  numeric: { type: string; value: string } | null;
  /** Its emoji properties (`Emoji`, `Emoji_Presentation`, `Extended_Pictographic`…). */
  emoji: string[];
  /** NamesList cross-references (`x` lines). */
  seeAlso: CodePointBrief[];
  /** NamesList notes (`*` lines). */
  notes: string[];
  /** English first, then the asked language when another; only languages with something to say. */
  cldr: CldrNames[];
  /** Unihan definition and readings, by Unihan's field names (kDefinition, kMandarin…); {} for others. */
  unihan: Record<string, string>;
  encodings: Encodings;
  escapes: Escapes;
  data: DataSources;
}

export interface SequenceInfo {
  kind: 'sequence';
  /** `U+1F1EB U+1F1F7` */
  cp: string;
  char: string;
  /** The sequence's own name when the index holds it as an entry (emoji and named sequences: `FLAG: FRANCE`), else null. */
  name: string | null;
  /** Its kind when it is an entry: flag, tag, keycap, modifier, zwj or named. */
  sequenceKind: string | null;
  /** Its aliases when it is an entry (a keycap's named-sequence name, `KEYCAP DIGIT ONE`). */
  aliases: { alias: string; type: string }[];
  /** The Unicode version of its newest code point, when it is an entry. */
  age: string | null;
  /** CLDR short names in English and the session's language. */
  cldr: CldrNames[];
  codePoints: CodePointBrief[];
  encodings: Encodings;
  escapes: Escapes;
  data: DataSources;
}

export type EntryInfo = CharInfo | SequenceInfo;
