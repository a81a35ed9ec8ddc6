/**
 * The JSON the HTTP API sends, as types: what the server builds and what the
 * browser page reads. Types only (the page's build shares this file).
 */
import type { EntryInfo } from '../index/charInfo.js';

export type { CharInfo, CodePointBrief, Encodings, EntryInfo, Escapes, SequenceInfo } from '../index/charInfo.js';

/** One match: the same object as a match line of the TCP server's JSON format. */
export interface MatchItem {
  /** `U+1F638`; for a sequence its code points, `["U+1F1EB", "U+1F1F7"]`. */
  cp: string | string[];
  /** A sequence's kind: flag, tag, keycap, modifier, zwj or named. */
  kind?: string;
  char: string;
  /** `❤️`: the character with U+FE0F, when it is an emoji shown as text by default (what copying gives). */
  emojiForm?: string;
  name: string;
  block: string;
  category: string;
  /** The Unicode version that added it; null for code points the index does not hold. */
  age: string | null;
  /** How it was found: name, alias, informal-alias, cldr:<lang>, unihan:<field>, emoticon, codepoint, range, filter, character. */
  via: string;
  /** The alias or keyword that matched, when not the name. */
  matched?: string;
  /** Its CLDR short name in the request's first language (lang=, or the browser's), when it has one. */
  localName?: string;
}

/** GET /api/search */
export interface SearchPage {
  query: string;
  /** Matches in all, every page together. */
  count: number;
  /**
   * The query matched nothing and these are the matches of its correction
   * (`thumbs upp` → `thumbs up`), or of fewer of its words (`german quotes`
   * → `german`, then `quotes`); `message` is the sentence to show above them.
   */
  corrected?: { from: string; to: string; then?: string[]; message: string };
  /** Nothing matched: replacements that would have (`did you mean`), best first. */
  suggestions?: string[];
  items: MatchItem[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

/**
 * GET /api/char/U+1F638: everything about one character (CharInfo), or about
 * a sequence (SequenceInfo: its code points briefly); `kind` tells which.
 * The fields of the first version (cp, char, name, block, category, age,
 * script, aliases) are still there, under the same names.
 */
export type CharReply = EntryInfo;

/** Any refusal: a machine-readable error and a sentence saying what to do. */
export interface ErrorReply {
  error: string;
  message: string;
  [detail: string]: unknown;
}
