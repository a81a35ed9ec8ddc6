/**
 * Prefix matching of the last word, for a query still being typed (the page
 * searches as you type): when the words as typed match nothing, the last one
 * is read as a prefix, `thumbs u` as `thumbs u*` (👍 THUMBS UP SIGN).
 *
 * It applies wherever a search runs (TCP, HTTP, the page, `charfinder find`),
 * since a query that finds nothing gains by it everywhere, and only then, so
 * no answer to a whole word changes. Not in `/match names` (whole name words,
 * as the book has it), nor to a query whose last term is already a prefix or
 * a phrase. The relaxed search has the same budget: a one-letter prefix alone
 * (`u`) reads thousands of words and is refused, which leaves the answer to
 * the words as typed (nothing, and its suggestions).
 */
import type { Query, Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';

type SearchQuery = Extract<Query, { kind: 'search' }>;

/** The query with its last word as a prefix, or null when that does not apply. */
export function withLastWordAsPrefix(query: SearchQuery, mode: MatchMode): SearchQuery | null {
  const last = query.terms.at(-1);
  // The last word must end the line: in `cat block:arrows` or `"thumbs up"` nothing is being typed.
  if (mode === 'names' || !last || last.kind !== 'word' || !query.text.normalize('NFC').toLowerCase().endsWith(last.word)) return null;
  const terms: Term[] = [...query.terms.slice(0, -1), { kind: 'prefix', prefix: last.word }];
  return { ...query, text: `${query.text}*`, terms };
}
