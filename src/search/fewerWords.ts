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
import type { SearchResult } from './result.js';
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
 * The readings of `query` with fewer words that find something, first one
 * first (their texts as a person could type them), or null. `search`
 * answers a reading (null when it is over the budget or is no answer).
 */
export function fewerWords(query: SearchQuery, search: (reading: SearchQuery) => SearchResult | null): Reading[] | null {
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
    if (found.length > 0) return found.sort((a, b) => a.result.total - b.result.total);
    if (tried >= MAX_READINGS) return null;
  }
  return null;
}
