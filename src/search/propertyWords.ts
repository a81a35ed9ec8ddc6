/**
 * Words that name a property value, read as its filter when the words as
 * typed match nothing (relaxed.ts): beside other words, one that names
 *
 *   a script          by PropertyValueAliases or ISO 15924 (`kanji`, `hangul`,
 *                     `cyrl`), or as the English name of a language CLDR
 *                     annotates, for the script it is likely written in
 *                     (Intl.Locale's likely subtags): `chinese` → Han
 *   a general category by the first word of its long name, where no other
 *                     category's starts so (`uppercase` → Lu, `currency` → Sc;
 *                     not `other`, `modifier`)
 *
 * `kanji water` is `water script:Han`, `uppercase n tilde` is `n tilde gc:Lu`.
 */
import type { CharIndex } from '../index/charIndex.js';
import { filterNamesOf, looseName, resolveFilter, type FilterNames, type Resolved } from '../query/filters.js';
import { termText, type Query } from '../query/parse.js';

type SearchQuery = Extract<Query, { kind: 'search' }>;

/** The query with its first word that names a script or a category, beside other words, as that filter; or null. */
export function withPropertyWord(index: CharIndex, query: SearchQuery): SearchQuery | null {
  if (query.terms.length < 2) return null;
  const names = filterNamesOf(index.header);
  for (const [k, term] of query.terms.entries()) {
    if (term.kind !== 'word') continue;
    const resolved = propertyNamed(index, names, term.word);
    if (!resolved || query.filters.some((filter) => filter.kind === resolved.kind && !filter.negated)) continue;
    const terms = query.terms.filter((_, j) => j !== k);
    return { ...query, text: [...terms.map(termText), resolved.label].join(' '), terms, filters: [...query.filters, resolved] };
  }
  return null;
}

type Found = Extract<Resolved, { filter: unknown }>['filter'];

function propertyNamed(index: CharIndex, names: FilterNames, word: string): Found | null {
  const script = resolveFilter('script', languageScripts(index).get(word) ?? word, false, names);
  if ('filter' in script) return script.filter;
  const category = categoryWords(names).get(word);
  if (category === undefined) return null;
  const resolved = resolveFilter('category', category, false, names);
  return 'filter' in resolved ? resolved.filter : null;
}

const wordsOfCategories = new WeakMap<FilterNames, Map<string, string>>();

/** The first word of each two-word category long name that starts no other (`uppercase` → Uppercase_Letter). */
function categoryWords(names: FilterNames): Map<string, string> {
  let found = wordsOfCategories.get(names);
  if (!found) {
    const starts = new Map<string, string[]>();
    for (const all of names.categories) {
      const long = all[1];
      const [first, ...more] = long?.split('_') ?? [];
      if (first && more.length > 0) starts.set(looseName(first), [...(starts.get(looseName(first)) ?? []), long]);
    }
    found = new Map([...starts].filter(([, longs]) => longs.length === 1).map(([word, [long]]) => [word, long]));
    wordsOfCategories.set(names, found);
  }
  return found;
}

const scriptsOfLanguages = new WeakMap<CharIndex, Map<string, string>>();

/** The likely script code of each language CLDR annotates, by its English name in lower case (`chinese` → Hani), as the build found them. */
function languageScripts(index: CharIndex): Map<string, string> {
  let found = scriptsOfLanguages.get(index);
  if (!found) scriptsOfLanguages.set(index, (found = new Map(index.header.languageScripts)));
  return found;
}

