/**
 * The hits of recent query words, per index. A word's hits depend on the
 * word, the match mode and whether its verb forms count, and on nothing else
 * in the query; and everyday words come back in query after query even when
 * the queries do not (`letter`, `sign`, `face`, `skin tone`): of the bench's
 * 60,000 distinct queries, two words in three were in the 2,000 words before.
 * Their lists, variants and unions were most of an uncached query's time.
 *
 * A remembered word replays the work it charged, charge by charge, so the
 * budget refuses the same queries at the same term as if it had been looked
 * up again. Hits are shared, so nothing may change them (nothing does: the
 * language rule and the ranking make new values); their term is the first
 * of its kind asked for, equal to every later one (a term is read for its
 * value, never compared by identity).
 */
import type { CharIndex } from '../index/charIndex.js';
import { Lru } from '../lru.js';
import type { Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import { WorkMeter } from './budget.js';
import type { TermHits } from './hits.js';

type WordTerm = Extract<Term, { kind: 'word' }>;

/** The language rule's facts of a word's remembered hits (TermHits.facts): whether it is English, and its hits restricted to at most two sets of languages, by key. */
export interface HitsFacts {
  english: boolean | undefined;
  firstKey: string | null;
  first: TermHits | null;
  secondKey: string | null;
  second: TermHits | null;
}

/** Facts not found yet. */
export function unfoundFacts(): HitsFacts {
  return { english: undefined, firstKey: null, first: null, secondKey: null, second: null };
}

/**
 * A word's hits are mostly views of the index (its posting lists); what it
 * owns are the unions of its sources and variants, and the objects that hold
 * them (about 1 KB a word: 2,048 words of the bench kept 3.6 MB after a full GC).
 * 2,048 words answered 65% of the bench's words (4,096: 72%; 1,024: 55%), and
 * the common words, whose lists are long, are the ones that come back; with
 * the language rule's restrictions beside them (languages.ts) and the
 * doorkeeper below, 2,048 answered 57% of 172,000 lookups and 27,000 distinct
 * words were missed 2.7 times each: 8,192 words in 8 MB took the bench's
 * queries in one process from 9.6 to 8.1 s of CPU. A word
 * is kept the second time it is looked up (lru.ts admitOnRepeat): a word of
 * one query (`gwaj`) pushed out a common one, and every such word's hits
 * lived long enough to be promoted to the old generation, to die there (the
 * bench's queries in one process: mean 139 → 102 µs, p99 1.6 → 0.8 ms).
 */
export const WORD_CACHE_BUDGET = { maxEntries: 8192, maxBytes: 8 * 1024 * 1024, admitOnRepeat: true };
/** What a remembered word's objects weigh besides its lists' bytes (measured with a heap after a full GC). */
const OBJECT_BYTES = 1024;
const LIST_OBJECT_BYTES = 96;

interface Remembered {
  hits: TermHits;
  /** The work charged while finding them, in order: units and the term each was charged to. */
  units: number[];
  terms: string[];
  /** The units' sum. */
  total: number;
}

const caches = new WeakMap<CharIndex, Lru<string, Remembered>>();

/** The hits of a word term: remembered, or found by `find` (charging `meter`) and remembered. */
export function rememberedWordHits(index: CharIndex, term: WordTerm, mode: MatchMode, meter: WorkMeter, find: (meter: WorkMeter) => TermHits): TermHits {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Lru(WORD_CACHE_BUDGET, weigh)));
  // The commonest kind of term is keyed by its word alone (a query's own string, hashed once), the others by a
  // longer key: a word holds no NUL (words.ts), so they cannot meet.
  const key = mode === 'all' && term.verbForms !== true ? term.word : `${mode}\0${term.verbForms === true ? 'verbs' : ''}\0${term.word}`;
  const known = cache.get(key);
  if (known) {
    meter.replay(known.units, known.terms, known.total);
    // The hits were found for a term of the same word and forms: its own (equal) term stands, nothing is copied.
    return known.hits;
  }
  const log = new ChargeLog(meter);
  const hits = find(log);
  if (!log.spoilt && cache.admits(key)) {
    // Kept: so are the language rule's facts of them (hits.ts TermHits.facts), in a slot of their own.
    hits.facts = unfoundFacts();
    cache.set(key, { hits, units: log.units, terms: log.terms, total: log.total }, true);
  }
  return hits;
}

/** Passes every charge on to the query's meter and keeps it, to be replayed (and, at build time, read: hits.ts foundMergedLists). */
export class ChargeLog extends WorkMeter {
  readonly units: number[] = [];
  readonly terms: string[] = [];
  /** The units' sum. */
  total = 0;
  /** Work that depends on what is left of the budget (afford) cannot be replayed: such hits are not kept. */
  spoilt = false;

  constructor(private readonly target: WorkMeter) {
    super(target.budget);
  }

  override get used(): number {
    return this.target.used;
  }

  override charge(units: number, term: string): void {
    this.units.push(units);
    this.terms.push(term);
    this.total += units;
    this.target.charge(units, term);
  }

  /** Each charge kept, as charged one by one. */
  override replay(units: readonly number[], terms: readonly string[], total: number): void {
    for (let k = 0; k < units.length; k++) {
      this.units.push(units[k]);
      this.terms.push(terms[k]);
    }
    this.total += total;
    this.target.replay(units, terms, total);
  }

  override afford(units: number): boolean {
    this.spoilt = true;
    return this.target.afford(units);
  }
}

/** Bytes of every distinct list the hits hold, views of the index included, of the words they name, and of the objects holding them. */
function weigh(remembered: Remembered, key: string): number {
  const { hits } = remembered;
  const lists = new Set([hits.name, hits.alias, hits.informal, hits.keyword, hits.keywordChars, hits.unihan, hits.unihanChars, hits.all, hits.typed, ...hits.unihanWords.map(({ entries }) => entries)]);
  let bytes = OBJECT_BYTES + 2 * key.length + 16 * remembered.units.length;
  for (const list of lists) bytes += LIST_OBJECT_BYTES + list.byteLength;
  for (const word of hits.keywordWords) bytes += 2 * word.length;
  return bytes;
}
