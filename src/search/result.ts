/**
 * What a search produces: the matching characters in output order, cut into
 * segments that are each in ascending code point order (so consecutive
 * characters stream as one slice of the index's pre-encoded lines), and why
 * each one matched.
 */

/** Why a character is in the result. */
export type Via =
  | 'name'
  | 'alias'
  | 'informal-alias'
  | `cldr:${string}`
  | `unihan:${string}`
  | 'codepoint'
  | 'range'
  | 'character'
  | 'filter'
  | 'emoticon';

export interface Explanation {
  via: Via;
  /** Shown in brackets after the name in text mode: the alias or keyword that matched. */
  note: string | null;
}

export interface Segment {
  /** Char indices, ascending. */
  chars: Uint32Array;
  /** How every char of the segment matched, unless `explained` says otherwise. */
  via: Via;
  /** Chars of this segment with their own explanation, ascending (a subset of `chars`). */
  explained: Uint32Array;
}

export interface SearchResult {
  segments: Segment[];
  total: number;
  /** The explanation of a char listed in some segment's `explained`. */
  explanations: ReadonlyMap<number, Explanation>;
  /** When nothing matched: replacements that would have found something (`face` for `cat fase`), best first. */
  suggestions: string[];
  /**
   * When nothing matched and the first suggestion replaces only words that
   * find nothing on their own: those words and their replacements (`upp` → `up`).
   */
  correction: ReadonlyMap<string, string> | null;
  /** When nothing matched under `/match names`: how many `/match all` would find. */
  matchesBeyondNames: number;
  /** Set when the words as typed matched nothing and the last was read as a prefix: the query searched (`thumbs u*`). */
  readAs?: string;
}

export const EMPTY_CHARS = new Uint32Array(0);

/** About what a result holds in memory: its arrays, and an estimate for each explanation and suggestion. */
export function resultBytes(result: SearchResult): number {
  let bytes = 64 + 96 * result.explanations.size;
  for (const segment of result.segments) bytes += 48 + segment.chars.byteLength + segment.explained.byteLength;
  for (const suggestion of result.suggestions) bytes += 32 + 2 * suggestion.length;
  if (result.correction) bytes += 96 * result.correction.size;
  return bytes;
}
