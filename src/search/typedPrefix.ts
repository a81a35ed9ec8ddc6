/**
 * Prefix matching of the last word, for a query still being typed (the page
 * searches as you type): when the words as typed match nothing, the last one
 * is read as a prefix, `snowfl` as `snowfl*`. So it is, in a query of two
 * words or more, when they match only through the CLDR keywords of languages
 * other than English and the connection's `/lang`, and the prefix finds
 * better: `thumbs u` as `thumbs u*` (👍 THUMBS UP SIGN, not ⊥ UP TACK, which
 * is `thumbs` in Albanian and `u` in Somali). A single foreign word keeps
 * its answer (`hund` is 🐕, not HUNDRED).
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
import type { CharIndex } from '../index/charIndex.js';
import type { SearchResult } from './result.js';

type SearchQuery = Extract<Query, { kind: 'search' }>;

/** The query with its last word as a prefix, or null when that does not apply. */
export function withLastWordAsPrefix(query: SearchQuery, mode: MatchMode): SearchQuery | null {
  const last = query.terms.at(-1);
  // The last word must end the line: in `cat block:arrows` or `"thumbs up"` nothing is being typed.
  if (mode === 'names' || !last || last.kind !== 'word' || !query.text.normalize('NFC').toLowerCase().endsWith(last.word)) return null;
  const terms: Term[] = [...query.terms.slice(0, -1), { kind: 'prefix', prefix: last.word }];
  return { ...query, text: `${query.text}*`, terms };
}

/** Whether a result has nothing better than keywords in languages other than English and `lang` (a tag or null). */
export function onlyForeignKeywords(index: CharIndex, result: SearchResult, lang: string | null): boolean {
  if (result.total === 0) return true;
  const preferred = new Set(['en', ...(lang === null || index.languageId(lang) < 0 ? [] : [index.languages[index.languageId(lang)].tag])]);
  return result.segments.every(({ chars }) =>
    Array.from(chars).every((char) => {
      const via = result.explanations.get(char)?.via;
      if (!via?.startsWith('cldr:')) return false;
      const tag = via.slice('cldr:'.length);
      return !preferred.has(tag) && !preferred.has(tag.split('-')[0]);
    }),
  );
}
