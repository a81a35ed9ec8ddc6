/**
 * The book's semantics, straight from the posting lists: the entries whose
 * name or formal aliases hold every word. Tests compare the engine and the
 * HTTP pages against it; the server itself searches through src/search.
 */
import type { CharIndex } from '../../src/index/charIndex.js';
import { intersect, union } from '../../src/index/postings.js';

export function nameOrAliasMatches(index: CharIndex, words: readonly string[]): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  return intersect([...new Set(words)].map((word) => union([index.postings('name', word), index.postings('alias', word)])));
}
