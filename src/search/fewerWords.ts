/**
 * A query whose words never meet in one entry is read with fewer of them, the
 * way a person would shorten it: `treble clef` finds no entry with both words
 * (Unicode says MUSICAL SYMBOL G CLEF), `clef` does; `bullet point` is
 * `bullet`; `german quotes` is `german`, then `quotes`. The answer of last
 * resort, after the typed words, their looser readings (relaxed.ts) and
 * their correction (didYouMean.ts) have found nothing.
 *
 * The readings keep as many words as still meet somewhere: every way to drop
 * one word, then two, and so on; those of the largest size that find
 * anything answer together, the one with the fewest matches first — its
 * words are the rarer, so the likelier to be what was meant (`bullet` before
 * `point`) — then the others, each listing only what the ones before it did
 * not. Exclusions and filters stay in every reading; a reading found only
 * in other languages' keywords does not answer (answer.ts).
 */
import { termText, type Term } from '../query/parse.js';
import type { Explanation, SearchResult, Segment } from './result.js';
import type { SearchQuery } from './search.js';

/** Words beyond this many are not shortened (2^n readings): a longer query is more likely pasted text than words. */
const MAX_WORDS = 6;
/** A reading keeps some word of this many letters: `s` alone (of `jabberwocky's vest`) is no reading of anything. */
const SHORTEST_KEPT_WORD = 3;
/** Readings searched at most, all sizes together. */
const MAX_READINGS = 16;
/**
 * Each reading may spend this fraction of the query's budget, so that all of
 * them together cost at most what one query may (a reading already
 * answered, from the engine's cache, costs nothing). A reading gets no
 * suggestions of its own: sixteen did-you-means would cost more than the
 * readings themselves.
 */
export const READING_BUDGET_SHARE = 1 / MAX_READINGS;

export interface Reading {
  query: SearchQuery;
  result: SearchResult;
}

export interface FewerWords {
  /** The readings that answer, first one first (their texts, as a person could type them). */
  readings: Reading[];
  /** Their matches together, each listed once. */
  segments: Segment[];
  explanations: Map<number, Explanation>;
  total: number;
}

/** The query with only `kept` of its terms, spelt as it would be typed. */
function withTerms(query: SearchQuery, kept: Term[]): SearchQuery {
  const excluded = query.excluded.map((group) => `-${group.length === 1 ? termText(group[0]) : `"${group.map(termText).join(' ')}"`}`);
  const filters = query.filters.map((filter) => `${filter.negated ? '-' : ''}${filter.label}`);
  const text = [...kept.map(termText), ...excluded, ...filters].join(' ');
  return { ...query, text, terms: kept, pasted: null };
}

/** Every choice of `size` of `items`, in their order. */
function choices<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...choices(rest, size - 1).map((chosen) => [first, ...chosen]), ...choices(rest, size)];
}

/**
 * The readings of `query` with fewer words that find something, or null.
 * `search` answers a reading (null when it is over the budget).
 */
export function fewerWords(query: SearchQuery, search: (reading: SearchQuery) => SearchResult | null): FewerWords | null {
  const terms = query.terms;
  if (terms.length < 2 || terms.length > MAX_WORDS) return null;
  let tried = 0;
  for (let size = terms.length - 1; size >= 1; size--) {
    const found: Reading[] = [];
    for (const kept of choices(terms, size)) {
      if (!kept.some((term) => [...termText(term).replace(/[*"]/g, '')].length >= SHORTEST_KEPT_WORD)) continue;
      if (tried++ >= MAX_READINGS) break;
      const reading = withTerms(query, kept);
      const result = search(reading);
      if (result && result.total > 0) found.push({ query: reading, result });
    }
    if (found.length > 0) return together(found.sort((a, b) => a.result.total - b.result.total));
    if (tried >= MAX_READINGS) return null;
  }
  return null;
}

/** The readings' matches one after the other, each listed once (its first reading's explanation kept). */
export function together(readings: Reading[]): FewerWords {
  const listed = new Set<number>();
  const segments: Segment[] = [];
  const explanations = new Map<number, Explanation>();
  for (const { result } of readings) {
    for (const segment of result.segments) {
      const chars = segment.chars.filter((char) => !listed.has(char));
      if (chars.length === 0) continue;
      const explained = segment.explained.filter((char) => !listed.has(char));
      for (const char of chars) listed.add(char);
      segments.push({ chars, via: segment.via, explained });
      for (const char of explained) {
        const explanation = result.explanations.get(char);
        if (explanation) explanations.set(char, explanation);
      }
    }
  }
  return { readings, segments, explanations, total: listed.size };
}
