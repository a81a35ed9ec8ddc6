/**
 * The search engine: a parsed search query and the connection's settings in,
 * ranked and explained matches out. The server, `charfinder find` and the
 * tests all come through here.
 */
import type { CharIndex } from '../index/charIndex.js';
import { difference } from '../index/postings.js';
import type { Query } from '../query/parse.js';
import type { SearchSettings } from '../query/settings.js';
import { suggestCorrections } from './didYouMean.js';
import { termHits } from './hits.js';
import { matchingChars } from './matching.js';
import { rank } from './ranking.js';
import type { Explanation, SearchResult, Segment } from './result.js';

export type SearchQuery = Extract<Query, { kind: 'search' }>;

/** Results kept for repeated queries (a phrase or prefix search over 100k names is then a lookup)… */
const CACHED_RESULTS = 64;
/** …within this many matches in all, so a client cycling through huge filters cannot grow the server by more than ~4 MB. */
const CACHED_MATCHES = 1_000_000;

const engines = new WeakMap<CharIndex, SearchEngine>();

export class SearchEngine {
  private readonly cache = new Map<string, SearchResult>();
  private cachedMatches = 0;

  private constructor(readonly index: CharIndex) {}

  /** The engine of an index: one per loaded index, so every connection shares its cache. */
  static for(index: CharIndex): SearchEngine {
    let engine = engines.get(index);
    if (!engine) engines.set(index, (engine = new SearchEngine(index)));
    return engine;
  }

  search(query: SearchQuery, settings: SearchSettings): SearchResult {
    const key = `${settings.match}\0${settings.sort}\0${settings.lang ?? ''}\0${query.text}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = searchIndex(this.index, query, settings);
    if (result.total > CACHED_MATCHES) return result;
    this.cache.set(key, result);
    this.cachedMatches += result.total;
    while (this.cache.size > CACHED_RESULTS || this.cachedMatches > CACHED_MATCHES) {
      const [oldest, evicted] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      this.cachedMatches -= evicted.total;
    }
    return result;
  }
}

export function searchIndex(index: CharIndex, query: SearchQuery, settings: SearchSettings): SearchResult {
  const mode = settings.match;
  const hits = query.terms.map((term) => termHits(index, term, mode));
  const { chars } = matchingChars(index, hits, query.excluded, query.filters, mode);

  let segments: Segment[];
  let explanations = new Map<number, Explanation>();
  if (hits.length === 0) {
    const via = query.filters.every((filter) => filter.kind === 'range') ? 'range' : 'filter';
    segments = chars.length > 0 ? [{ chars, via, explained: new Uint32Array(0) }] : [];
  } else {
    const plain = query.terms.every((term) => term.kind !== 'prefix');
    const exactWords = plain ? query.terms.flatMap((term) => (term.kind === 'word' ? [term.word] : term.kind === 'phrase' ? term.words : [])) : null;
    const language = settings.lang === null ? -1 : index.languageId(settings.lang);
    ({ segments, explanations } = rank(index, chars, hits, { mode, sort: settings.sort, exactWords, language }));
  }

  // One pasted letter (`猫`, `é`) is identified first, then searched for.
  const pasted = query.pasted?.length === 1 ? index.indexOf(query.pasted[0]) : -1;
  if (pasted >= 0) {
    const own = Uint32Array.of(pasted);
    segments = [{ chars: own, via: 'character', explained: new Uint32Array(0) }, ...segments.map((segment) => withoutChars(segment, own))];
  }
  segments = segments.filter((segment) => segment.chars.length > 0);
  const total = segments.reduce((sum, segment) => sum + segment.chars.length, 0);
  // Nothing among the names: say whether aliases and keywords have it, else suggest spellings.
  const matchesBeyondNames = total === 0 && mode === 'names' ? matchingChars(index, query.terms.map((term) => termHits(index, term, 'all')), query.excluded, query.filters, 'all').chars.length : 0;
  const suggestions = total === 0 && hits.length > 0 && matchesBeyondNames === 0 ? suggestCorrections(index, hits, query.excluded, query.filters, mode) : [];
  return { segments, total, explanations, suggestions, matchesBeyondNames };
}

function withoutChars(segment: Segment, removed: Uint32Array): Segment {
  return { ...segment, chars: difference(segment.chars, removed), explained: difference(segment.explained, removed) };
}
