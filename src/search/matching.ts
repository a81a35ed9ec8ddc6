/** The set of characters a search query matches, before ranking: terms, then filters, then exclusions. */
import type { CharIndex } from '../index/charIndex.js';
import { difference, intersect } from '../index/postings.js';
import type { Filter } from '../query/filters.js';
import type { Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import type { WorkMeter } from './budget.js';
import { applyFilters } from './filtering.js';
import { termHits, type TermHits } from './hits.js';

export interface Matching {
  hits: TermHits[];
  /** Ascending char indices. */
  chars: Uint32Array;
}

export function matchingChars(
  index: CharIndex,
  hits: TermHits[],
  excluded: readonly (readonly Term[])[],
  filters: readonly Filter[],
  mode: MatchMode,
  meter: WorkMeter,
): Matching {
  let chars = applyFilters(index, hits.length > 0 ? intersect(hits.map((hit) => hit.all)) : null, filters, meter);
  for (const group of excluded) {
    if (chars.length === 0) break;
    chars = difference(chars, intersect(group.map((term) => termHits(index, term, mode, meter).all)));
  }
  return { hits, chars };
}
