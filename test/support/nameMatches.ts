/**
 * What a test compares the server's replies with: the book's semantics,
 * straight from the posting lists (the entries whose name or formal aliases
 * hold every word), and the engine's own answer in the order it is sent.
 */
import type { CharIndex } from '../../src/index/charIndex.js';
import { intersect, union } from '../../src/index/postings.js';
import { filterNamesOf } from '../../src/query/filters.js';
import { parseQuery } from '../../src/query/parse.js';
import { answerQuery } from '../../src/search/answer.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../../src/query/settings.js';

export function nameOrAliasMatches(index: CharIndex, words: readonly string[]): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  return intersect([...new Set(words)].map((word) => union([index.postings('name', word), index.postings('alias', word)])));
}

/** The code points of a query's answer, in the order the server sends them (default settings unless given). */
export function answerCodePoints(index: CharIndex, line: string, settings: Partial<SearchSettings> = {}): number[] {
  return answerEntries(index, line, settings).map((codePoints) => codePoints[0]);
}

/** Each match of a query's answer as its code points (a sequence's all), in the order the server sends them. */
export function answerEntries(index: CharIndex, line: string, settings: Partial<SearchSettings> = {}): (readonly number[])[] {
  const query = parseQuery(line, filterNamesOf(index.header));
  if (query.kind !== 'search' && query.kind !== 'code-points' && query.kind !== 'characters') throw new Error(`${line} is no query`);
  const { lines } = answerQuery(index, query, { ...DEFAULT_SETTINGS, ...settings });
  return Array.from({ length: lines.total }, (_, k) => lines.match(k).codePoints);
}
