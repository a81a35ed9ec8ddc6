/**
 * When the words as typed match nothing, they are read more loosely, one
 * step at a time, and the first reading that finds something answers:
 *
 *   1. verb forms   each word also stands for its -ing and -ed forms
 *                   (expansions.ts): `eye roll` is 🙄 FACE WITH ROLLING EYES
 *   2. a prefix     the last word is half typed (the page searches as you
 *                   type): `snowfl` as `snowfl*`, `thumbs u` as `thumbs u*`
 *   3. a script     a word that names a script, beside other words, is its
 *                   `script:` filter (names from PropertyValueAliases and
 *                   ISO 15924): `kanji water` as `water script:Han`, `hanzi
 *                   horse`, `hangul a`; so is the English name of a language
 *                   CLDR annotates, for the script it is likely written in
 *                   (Intl.Locale's likely subtags): `chinese horse` as
 *                   `horse script:Han`; then with the last word as a prefix
 *
 * The prefix reading is also tried, in a query of two words or more, when
 * the words match only through the CLDR keywords of languages other than
 * English and the connection's `/lang`, and it finds better: `thumbs u` is
 * 👍 THUMBS UP SIGN, not ⊥ UP TACK, which is `thumbs` in Albanian and `u` in
 * Somali. A single foreign word keeps its answer (`hund` is 🐕, not HUNDRED).
 *
 * This applies wherever a search runs (TCP, HTTP, the page, `charfinder
 * find`): a query that finds nothing gains by it everywhere, and no answer to
 * words that match changes. Never in `/match names` (whole name words, as the
 * book has it), nor to a last term that is already a prefix or a phrase, or
 * that a filter follows. A looser reading spends what is left of the same
 * budget: a one-letter prefix alone (`u`) reads thousands of words and is
 * refused, which leaves the answer to the words as typed (nothing, and its
 * suggestions). A result found by a prefix says so (SearchResult.readAs).
 */
import type { CharIndex } from '../index/charIndex.js';
import { filterNamesOf, resolveFilter } from '../query/filters.js';
import type { Query, Term } from '../query/parse.js';
import type { SearchSettings } from '../query/settings.js';
import type { SearchResult } from './result.js';

type SearchQuery = Extract<Query, { kind: 'search' }>;

/** Each word term with its verb forms, or null when no word could have any. */
export function withVerbForms(query: SearchQuery): SearchQuery | null {
  if (!query.terms.some((term) => term.kind === 'word' && term.word.length >= 3)) return null;
  const terms = query.terms.map((term): Term => (term.kind === 'word' ? { ...term, verbForms: true } : term));
  return { ...query, terms };
}

/** The query with its last word as a prefix, or null when that does not apply. */
export function withLastWordAsPrefix(query: SearchQuery): SearchQuery | null {
  const last = query.terms.at(-1);
  // The last word must end the line: in `cat block:arrows` or `"thumbs up"` nothing is being typed.
  if (!last || last.kind !== 'word' || !query.text.normalize('NFC').toLowerCase().endsWith(last.word)) return null;
  const terms: Term[] = [...query.terms.slice(0, -1), { kind: 'prefix', prefix: last.word }];
  return { ...query, text: `${query.text}*`, terms };
}

/** The query with its first word that names a script, beside other words, as that script's filter; or null. */
export function withScriptWord(index: CharIndex, query: SearchQuery): SearchQuery | null {
  if (query.terms.length < 2 || query.filters.some((filter) => filter.kind === 'script' && !filter.negated)) return null;
  const names = filterNamesOf(index.header);
  for (const [k, term] of query.terms.entries()) {
    if (term.kind !== 'word') continue;
    const resolved = resolveFilter('script', languageScripts(index).get(term.word) ?? term.word, false, names);
    if (!('filter' in resolved)) continue;
    const terms = query.terms.filter((_, j) => j !== k);
    const rest = terms.map((other) => (other.kind === 'word' ? other.word : other.kind === 'prefix' ? `${other.prefix}*` : `"${other.words.join(' ')}"`));
    return { ...query, text: [...rest, resolved.filter.label].join(' '), terms, filters: [...query.filters, resolved.filter] };
  }
  return null;
}

/** ISO 15924 variants written with their script's characters. */
const SCRIPT_VARIANTS: Record<string, string> = { Hans: 'Hani', Hant: 'Hani' };

const scriptsOfLanguages = new WeakMap<CharIndex, Map<string, string>>();

/** The likely script code of each language CLDR annotates, by its English name in lower case (`chinese` → Hani). */
function languageScripts(index: CharIndex): Map<string, string> {
  let found = scriptsOfLanguages.get(index);
  if (!found) {
    found = new Map();
    const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
    for (const tag of new Set(index.languages.map((language) => language.tag.split('-')[0]))) {
      try {
        const name = names.of(tag)?.toLowerCase();
        const script = new Intl.Locale(tag).maximize().script;
        if (name && script && !found.has(name)) found.set(name, SCRIPT_VARIANTS[script] ?? script);
      } catch {
        // a tag ICU does not know
      }
    }
    scriptsOfLanguages.set(index, found);
  }
  return found;
}

/**
 * The answer of a looser reading of `query`, whose answer as typed is `typed`,
 * or null to keep that one. `search` runs a reading (null when over budget).
 */
export function relaxedSearch(index: CharIndex, query: SearchQuery, typed: SearchResult, settings: SearchSettings, search: (query: SearchQuery) => SearchResult | null): SearchResult | null {
  if (settings.match === 'names') return null;
  const foreignOnly = typed.total > 0 && query.terms.length > 1 && onlyForeignKeywords(index, typed, settings.lang);
  if (typed.total > 0 && !foreignOnly) return null;
  const verbs = typed.total === 0 ? withVerbForms(query) : null;
  const byVerbs = verbs && search(verbs);
  if (byVerbs && byVerbs.total > 0) return byVerbs;
  const prefixed = withLastWordAsPrefix(verbs ?? query);
  const byPrefix = prefixed && search(prefixed);
  if (byPrefix && byPrefix.total > 0 && (typed.total === 0 || !onlyForeignKeywords(index, byPrefix, settings.lang))) return { ...byPrefix, readAs: prefixed.text };
  if (typed.total > 0) return null;
  for (const reading of [query, prefixed]) {
    const scripted = reading && withScriptWord(index, reading);
    const byScript = scripted && search(scripted);
    if (byScript && byScript.total > 0) return { ...byScript, readAs: scripted.text };
  }
  return null;
}

/** Whether a result has nothing better than keywords in languages other than English and `lang` (a tag or null). */
export function onlyForeignKeywords(index: CharIndex, result: SearchResult, lang: string | null): boolean {
  if (result.total === 0) return true;
  const id = lang === null ? -1 : index.languageId(lang);
  const preferred = new Set(['en', ...(id < 0 ? [] : [index.languages[id].tag])]);
  return result.segments.every(({ chars }) =>
    Array.from(chars).every((char) => {
      const via = result.explanations.get(char)?.via;
      if (!via?.startsWith('cldr:')) return false;
      const tag = via.slice('cldr:'.length);
      return !preferred.has(tag) && !preferred.has(tag.split('-')[0]);
    }),
  );
}
