/**
 * The search engine: a parsed search query and the connection's settings in,
 * ranked and explained matches out. The server, `charfinder find` and the
 * tests all come through here.
 */
import type { CharIndex } from '../index/charIndex.js';
import { difference } from '../index/postings.js';
import { termText, type Query, type Term } from '../query/parse.js';
import { toneFilter, type Filter } from '../query/filters.js';
import { settingsKey, type SearchSettings } from '../query/settings.js';
import { checkTermCount, QueryTooCostly, UNLIMITED_BUDGET, WorkMeter, type QueryBudget } from './budget.js';
import { suggestCorrections, type Suggestions } from './didYouMean.js';
import { hitsAmongOthers, termHits, type TermHits } from './hits.js';
import { languageRule, type LanguageChoice } from './languages.js';
import { NO_SCRIPT_PRIOR, scriptPrior } from './scripts.js';
import { matchingChars } from './matching.js';
import { rank } from './ranking.js';
import { resultBytes, type Explanation, type SearchResult, type Segment } from './result.js';
import { Lru } from '../lru.js';
import { exactWordsOf, requiredTerms } from './smallWords.js';
import { typedMatchesFirst } from './expansions.js';
import { relaxedSearch } from './relaxed.js';

export type SearchQuery = Extract<Query, { kind: 'search' }>;

/**
 * Results kept for repeated queries (a phrase or prefix search over 100k
 * names is then a lookup), within a byte budget: a client cycling through
 * huge filters cannot grow the server by more than 8 MB here.
 */
export const SEARCH_CACHE_BUDGET = { maxEntries: 256, maxBytes: 8 * 1024 * 1024, maxEntryBytes: 1024 * 1024, admitOnRepeat: true };

const engines = new WeakMap<CharIndex, SearchEngine>();

export class SearchEngine {
  private readonly cache = new Lru<string, SearchResult>(SEARCH_CACHE_BUDGET, (result, key) => resultBytes(result) + 2 * key.length);

  private constructor(readonly index: CharIndex) {}

  /** The engine of an index: one per loaded index, so every connection shares its cache. */
  static for(index: CharIndex): SearchEngine {
    let engine = engines.get(index);
    if (!engine) engines.set(index, (engine = new SearchEngine(index)));
    return engine;
  }

  /** Drops an index's engine and its cache: for the ranking's tuning script, which changes the points between runs. */
  static forget(index: CharIndex): void {
    engines.delete(index);
  }

  /**
   * Throws QueryTooCostly when the query is over `budget` (a cached result
   * costs nothing, so it never is). Without `suggest`, a query that matches
   * nothing gets no did-you-mean (the answer's own readings, fewerWords.ts).
   */
  search(query: SearchQuery, settings: SearchSettings, budget: QueryBudget = UNLIMITED_BUDGET, suggest = true): SearchResult {
    const key = `${settingsKey(settings)}\0${suggest ? '' : 'unsuggested\0'}${query.text}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = searchIndex(this.index, query, settings, budget, true, suggest);
    this.cache.set(key, result);
    return result;
  }
}

/** Throws QueryTooCostly when the query has more distinct terms than `budget` allows, or would read more of the index. */
export function searchIndex(index: CharIndex, query: SearchQuery, settings: SearchSettings, budget: QueryBudget = UNLIMITED_BUDGET, relax = true, suggest = relax): SearchResult {
  const mode = settings.match;
  // `a* a* a*` is one term: repeating a term changes nothing but the cost.
  const terms = distinct(query.terms, termText);
  const excluded = query.excluded.length === 0 ? NO_EXCLUSIONS : distinct(query.excluded, groupText).map((group) => distinct(group, termText));
  const filters = distinct(withDefaultTone(query.filters, settings.tone), filterKey);
  let excludedTerms = 0;
  for (const group of excluded) excludedTerms += group.length;
  checkTermCount(terms.length + excludedTerms + filters.length, budget);
  const meter = new WorkMeter(budget);
  // Small words are optional beside others (smallWords.ts); other languages count as languages.ts says.
  const choice = languageChoice(index, settings);
  // The words' hits before and after the language rule, and what they match together after it.
  const meeting = (raw: TermHits[]) => {
    const rule = languageRule(index, raw, choice);
    let { chars } = matchingChars(index, rule.hits, excluded, filters, mode, meter);
    if (rule.oneLanguage) chars = rule.oneLanguage(chars);
    return { rule, chars };
  };
  // A looser reading (relaxed.ts) suggests nothing: its hits are asked about only where every term matches.
  const required = requiredTerms(terms, mode);
  const rawHits = !relax && !suggest ? hitsAmongOthers(index, required, mode, meter) : required.map((term) => termHits(index, term, mode, meter));
  const met = meeting(rawHits);
  const languages = met.rule;
  const { hits } = languages;
  let { chars } = met;

  let segments: Segment[];
  let explanations: Map<number, Explanation>;
  if (hits.length === 0) {
    explanations = new Map();
    const via = query.filters.every((filter) => filter.kind === 'range') ? 'range' : 'filter';
    segments = chars.length > 0 ? [{ chars, via, explained: new Uint32Array(0) }] : [];
  } else {
    const plain = query.terms.every((term) => term.kind !== 'prefix');
    const words = wordsOf(query.terms);
    // The words' own name lists were counted with their hits (exactWordsOf charges by the shortest).
    const ownNames = (word: string) => {
      for (const hit of rawHits) if (hit.term.kind === 'word' && hit.term.word === word) return hit.ownNames;
      return undefined;
    };
    const exactWords = plain ? exactWordsOf(index, words, mode, chars, ownNames) : null; // small words hook (smallWords.ts)
    const language = settings.lang === null ? -1 : index.languageId(settings.lang);
    // The prior orders matches by points: one match (three queries in five) has none to order, nor code point order.
    const scripts = chars.length > 1 && settings.sort === 'rank' ? scriptPrior(index, words, choice === 'all' ? NO_LANGUAGES : choice) : NO_SCRIPT_PRIOR;
    const ideographs = filters.some((filter) => filter.kind === 'script' && !filter.negated && filter.script === 'Han');
    const ranked = rank(index, chars, hits, { mode, sort: settings.sort, exactWords, language, preferred: languages.preferred, allowed: languages.allowed, scripts, ideographs }, meter);
    ({ segments, explanations } = ranked);
    if (settings.sort === 'rank') segments = typedMatchesFirst(segments, ranked.typed); // folding hook (expansions.ts)
  }

  // One pasted letter (`猫`, `é`) or named sequence (`க்ஷ`) is identified first, then searched for.
  const pasted = query.pasted ? index.entryOf(query.pasted) : -1;
  if (pasted >= 0) {
    const own = Uint32Array.of(pasted);
    segments = [{ chars: own, via: 'character', explained: new Uint32Array(0) }, ...segments.map((segment) => withoutChars(segment, own))];
  }
  if (segments.some((segment) => segment.chars.length === 0)) segments = segments.filter((segment) => segment.chars.length > 0);
  let total = 0;
  for (const segment of segments) total += segment.chars.length;
  const typed: SearchResult = { segments, total, explanations, suggestions: NO_SUGGESTIONS.words, correction: null, matchesBeyondNames: 0 };
  // Relaxed readings hook (relaxed.ts): matching nothing, the words may stand for verb forms, the last be half typed.
  if (relax && pasted < 0) {
    // Each reading has what is left of the budget (nothing charges this meter meanwhile).
    const readingSearch = (loose: SearchQuery) => searchWithin(() => searchIndex(index, loose, settings, { ...budget, maxQueryWork: budget.maxQueryWork - meter.used }, false));
    const typedHits = (term: Term) => {
      const at = required.indexOf(term);
      return at < 0 ? undefined : rawHits[at];
    };
    const relaxed = relaxedSearch(index, query, typed, settings, readingSearch, typedHits);
    if (relaxed) return relaxed;
  }
  // Matching something, the words as typed answer; a looser reading that finds nothing is dropped (relaxedSearch): what it would suggest is never read.
  if (total > 0 || !relax) return typed;
  // Nothing among the names: say whether aliases and keywords have it, else suggest spellings.
  const matchesBeyondNames = mode === 'names' ? matchingChars(index, terms.map((term) => termHits(index, term, 'all', meter)), excluded, filters, 'all', meter).chars.length : 0;
  const { words: suggestions, correction } =
    suggest && hits.length > 0 && matchesBeyondNames === 0 ? suggestionsWithin(() => suggestCorrections(index, hits, rawHits, (raw) => meeting(raw).chars.length > 0, mode, meter)) : NO_SUGGESTIONS;
  return { segments, total, explanations, suggestions, correction, matchesBeyondNames };
}

/** The words of the word and phrase terms, in order (prefixes are no words). */
function wordsOf(terms: readonly Term[]): string[] {
  const words: string[] = [];
  for (const term of terms) {
    if (term.kind === 'word') words.push(term.word);
    else if (term.kind === 'phrase') words.push(...term.words);
  }
  return words;
}

/** A session's language ids, per index, by its list of tags (a session keeps its list until `/lang` changes it). */
const choices = new WeakMap<CharIndex, WeakMap<readonly string[], LanguageChoice>>();

/** English alone, the default: no look-up for it. */
const NO_LANGUAGES: readonly number[] = [];

function languageChoice(index: CharIndex, settings: SearchSettings): LanguageChoice {
  const { languages } = settings;
  if (languages === 'all') return 'all';
  if (languages.length === 0) return NO_LANGUAGES;
  let known = choices.get(index);
  if (!known) choices.set(index, (known = new WeakMap()));
  let choice = known.get(languages);
  if (!choice) known.set(languages, (choice = languages.map((tag) => index.languageId(tag)).filter((id) => id >= 0)));
  return choice;
}

/** The session's `/tone` acts as a `tone:` filter, unless the query names a tone of its own. */
function withDefaultTone(filters: readonly Filter[], tone: number | null): readonly Filter[] {
  if (tone === null || filters.some((filter) => filter.kind === 'tone')) return filters;
  return [...filters, toneFilter(tone)];
}

const NO_SUGGESTIONS: Suggestions = { words: [], correction: null };

/** Suggestions found before the budget ran out: none, rather than refusing a query already answered. */
function suggestionsWithin(suggest: () => Suggestions): Suggestions {
  try {
    return suggest();
  } catch (error) {
    if (error instanceof QueryTooCostly) return NO_SUGGESTIONS;
    throw error;
  }
}

/** A search that may be refused for its cost: null then, the work of the words as typed standing. */
function searchWithin(search: () => SearchResult): SearchResult | null {
  try {
    return search();
  } catch (error) {
    if (error instanceof QueryTooCostly) return null;
    throw error;
  }
}

const FEW_ITEMS = 8;

/** The first of each item by key, in order: the items themselves when no key repeats (most queries: a few words, no exclusion, no filter). */
function distinct<T>(items: readonly T[], key: (item: T) => string): readonly T[] {
  if (items.length <= 1) return items;
  if (items.length <= FEW_ITEMS) {
    // A few keys are compared with each other, not put in a set.
    const keys = items.map(key);
    if (keys.every((k, at) => keys.indexOf(k) === at)) return items;
    return items.filter((_, at) => keys.indexOf(keys[at]) === at);
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const NO_EXCLUSIONS: readonly (readonly Term[])[] = [];
const groupText = (group: readonly Term[]) => group.map(termText).join(' ');
const filterKey = (filter: Filter) => `${filter.negated ? '-' : ''}${filter.label}`;

function withoutChars(segment: Segment, removed: Uint32Array): Segment {
  return { ...segment, chars: difference(segment.chars, removed), explained: difference(segment.explained, removed) };
}
