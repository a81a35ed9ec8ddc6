/**
 * A query with its misspelt words replaced (`thumbs upp` → `thumbs up`):
 * the words didYouMean found, put in the text as typed, and that text parsed
 * again — so the corrected query is one a person could have typed, and the
 * rest of it (other words, -exclusions, filters) stays as it was.
 */
import type { FilterNames } from '../query/filters.js';
import { parseQuery } from '../query/parse.js';
import type { SearchQuery } from './search.js';

/** The corrected query, or null when a misspelt word is not found as a word of the text (then nothing is corrected). */
export function correctedQuery(query: SearchQuery, replacements: ReadonlyMap<string, string>, names: FilterNames): SearchQuery | null {
  let text = query.text;
  for (const [misspelt, word] of replacements) {
    // The word as typed, any case, not part of a longer word nor an exclusion (`-upp`).
    const typed = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}*:-])${misspelt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}\\p{M}*])`, 'giu');
    const replaced = text.replace(typed, word);
    if (replaced === text) return null;
    text = replaced;
  }
  const corrected = parseQuery(text, names);
  return corrected.kind === 'search' ? corrected : null;
}
