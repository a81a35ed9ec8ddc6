/**
 * Ranking: every match gets a score, and the matches come highest score
 * first, code point order among equals. The score adds two things.
 *
 * How the query matched (points):
 *   46  exact name the query is the whole name (a trailing SIGN or SYMBOL may be
 *                  left out: `plus` = PLUS SIGN)
 *   44, 40 exact   a whole alias (`nbsp`, `lambda`), a whole CLDR short name in
 *                  English or the session's languages (`sun` = ☀, `plus` = ➕) or
 *                  a whole emoji shortcode (`thumbsup` = 👍, `heart` = ❤: an
 *                  emoji's name in chat apps, not more: `euro` is € before 💶)
 *   30  html       the whole HTML entity name, where it is no word of a name
 *                  or English keyword (`sqrt` = √, `implies` = ⇒ `&Implies;`):
 *                  a name in another vocabulary, as a whole short name in
 *                  another language is; an entity name that is such a word
 *                  (`&smile;` ⌣, `&cap;` ∩) is an alias word only (ucd/htmlEntities.ts)
 *   16…44 name     every word is in the name; +28 × the share of the name's words
 *                  the query covers, kind words aside (`alpha` is all of GREEK
 *                  SMALL LETTER ALPHA; SUN WITH FACE covers more of `sun` than
 *                  BLACK SUN WITH RAYS)
 *   22, 15, 8 keyword  some word only in CLDR keywords of English or the
 *                  session's languages: every word a whole keyword (🙂 is
 *                  `smile`), a whole keyword beside name words (🐯 TIGER FACE for
 *                  `cat face`), or a word of a longer keyword (`nice` of `have a nice day`)
 *   14  alias      every word in the name or an alias
 *   30, 8       the whole short name, or a keyword, of another language (when
 *               the query is not English: `gato`)
 *   −54, −56    an ideograph by its Unihan definition (`water` = 水) or reading
 *               (`shui`): after every name and keyword match, whatever the
 *               priors, so `water` still starts with 🌊 and 💧 and `man` with 👨;
 *               22, 8 as keywords when the query asks for ideographs
 *               (`water script:han`, `kanji water`)
 *   −8          only through another form of a word (`dots` → MIDDLE DOT, after
 *               … whose CLDR keyword is `dots`)
 * and the entry's prior, how likely it is the one a person means before any
 * query is seen (src/ucd/priors.ts): CLDR annotates it (+20), emoji (+6),
 * central characters (+0…8), common ideographs; capitals, skin-tone variants,
 * format characters, compatibility forms, combining marks, legacy-computing
 * pieces count less.
 *
 * The scores are small integers, so matches are bucketed, not sorted: the
 * 103,204 of `cjk` cost one pass. `/sort cp` keeps the same matches in code
 * point order, the book's.
 */
import type { CharIndex } from '../index/charIndex.js';
import { PHRASE_ALIAS, PHRASE_CLDR, PHRASE_HTML, PHRASE_INFORMAL_ALIAS, PHRASE_NAME_GENERIC, PHRASE_SHORTCODE } from '../index/phrases.js';
import { contains, lowerBound, seek } from '../index/postings.js';
import { entryChar, entryTag, packEntry } from '../index/taggedChars.js';
import { DEFINITION_FIELD, tagField, tagForm, UNIHAN_SOURCES } from '../index/unihanWords.js';
import { nameWords, textWords } from '../index/words.js';
import { termText } from '../query/parse.js';
import type { MatchMode, SortOrder } from '../query/settings.js';
import { EXPLAINED_CHAR_WORK, RANKED_CHAR_WORK, SCORED_CHAR_WORK, type WorkMeter } from './budget.js';
import { matchesByNameOnly, type TermHits } from './hits.js';
import type { Explanation, Segment } from './result.js';
import type { ScriptPrior } from './scripts.js';
import { QueryCoverage } from './coverage.js';
import type { ExactWords } from './smallWords.js';

export interface RankOptions {
  mode: MatchMode;
  sort: SortOrder;
  /** Words of the query in order, when it is plain words and phrases (an exact match is possible). */
  exactWords: ExactWords | null;
  /** Language id to prefer when explaining a keyword match, or -1. */
  language: number;
  /** Whether a language's keywords rank as English and the session's (the query's own languages). */
  preferred: (language: number) => boolean;
  /** Whether a language's keywords may count at all for this query. */
  allowed: (language: number) => boolean;
  /** The characters of scripts the session does not use, unless the query names them, count less (scripts.ts). */
  scripts: ScriptPrior;
  /** The query asks for ideographs (`script:han`): their Unihan meanings and readings count as keywords do. */
  ideographs: boolean;
}

export interface Ranked {
  segments: Segment[];
  explanations: Map<number, Explanation>;
  /** The candidates every term matched as typed (or spelt otherwise), when some term also matched in another form; else null. */
  typed: Uint32Array | null;
}

/** The points of each way a query can match (the table above); the tuning script may try others. */
export const MATCH_POINTS = {
  exactName: 46,
  exactAlias: 44,
  exactShortName: 40,
  /** A platform's whole emoji shortcode (`thumbsup`): as an English short name, an emoji's name in chat apps (ucd/shortcodes.ts). */
  exactShortcode: 40,
  /**
   * A whole HTML entity name that is no everyday word (`sqrt`, `approx`, `iff`): a name in another vocabulary, as otherExact
   * is. Above an alias word (14); with its prior, above a rare character's exact informal alias (⇒ `&Implies;`, prior 27,
   * before ⊢ RIGHT TACK, prior 8, informally `implies`); below every whole name, alias and English short name.
   */
  exactHtml: 30,
  name: 16,
  nameCoverage: 28,
  keyword: 22,
  keywordWithName: 15,
  keywordPart: 8,
  alias: 14,
  otherKeyword: 8,
  otherExact: 30,
  /** A match through another form of a word only (hearts → HEART, `eye roll` → ROLLING): not quite what was typed. */
  inflected: -8,
  /** Unihan matches rank after every other (names, aliases, keywords), whatever their priors: below them by this much. */
  unihanDefinition: -54,
  unihanReading: -56,
};

/** Scores are shifted into 0 … 255 buckets. */
const SCORE_OFFSET = 96;
const SCORES = 256;
/**
 * Equal scores are told apart by the prior alone, in this many steps (0…8,
 * 8…16, 16…24, 24 up; below 0): when how well it matched and how likely it is
 * add up the same, the likelier character first (☺ before ⌣ SMILE for `smile`).
 */
const PRIOR_STEPS = [0, 8, 16, 24];
const TIES = PRIOR_STEPS.length + 1;
const BUCKETS = SCORES * TIES;
/**
 * The counting sort's tables, kept between rankings (one ranking at a time).
 * The counts are zeroed after use, over the buckets used, not all 1,280
 * before every ranking: they are counted once every score is known, so a
 * ranking refused for its cost midway has counted none.
 */
const bucketCounts = new Uint32Array(BUCKETS);
const bucketStarts = new Uint32Array(BUCKETS);
const bucketFill = new Uint32Array(BUCKETS);

/**
 * Whether sorted `list` has `value`, sought from where the value before
 * (a smaller one) was, galloping: a few candidates among a word's 11,000
 * names are a few steps each, not a walk. Where each list was is kept in
 * `positions` at its `slot`, one array for a ranking's lists (an object per
 * list, four per term, were made for every ranking).
 */
function hasFrom(list: Uint32Array, positions: Int32Array, slot: number, value: number): boolean {
  let at = positions[slot];
  if (at < list.length && list[at] < value) positions[slot] = at = seek(list, value, at);
  return at < list.length && list[at] === value;
}

/** hasFrom, or without positions (one candidate) a search of the whole list: making them cost a one-match ranking 5%. */
function listHas(list: Uint32Array, positions: Int32Array | null, slot: number, value: number): boolean {
  return positions === null ? contains(list, value) : hasFrom(list, positions, slot, value);
}

/** A term's slots in a ranking's positions (hasFrom): its name, alias, informal alias and keyword lists. */
const NAME_SLOT = 0;
const ALIAS_SLOT = 1;
const INFORMAL_SLOT = 2;
const KEYWORD_SLOT = 3;
const SLOTS_PER_TERM = 4;

type MatchKind = 'name' | 'alias' | 'keyword' | 'unihan';

/**
 * Where a term was found for a char: the first source having it, in this
 * order. kindOfMatch notes it for each term, and the explanations read it
 * (they had each searched the name and alias lists again).
 */
const FOUND_IN_NAME = 0;
const FOUND_IN_ALIAS = 1;
const FOUND_IN_INFORMAL = 2;
const FOUND_IN_KEYWORD = 3;
const FOUND_IN_UNIHAN = 4;

/**
 * Where every term of the query was found for char: all in the name, all in
 * the name or aliases, all there or in keywords, or some only in Unihan;
 * where each was is noted in `found`. The candidates are asked in
 * ascending order, so each list is walked alongside (hasFrom). A term is
 * looked for in the next source only when the one before lacks it: a list
 * not asked about a char gallops past it at the next. Most matches are by
 * name, whose lists alone are then read (all four were: 7% of the ranking's time).
 */
function kindOfMatch(hits: readonly TermHits[], positions: Int32Array | null, char: number, found: Uint8Array): MatchKind {
  let kind: MatchKind = 'name';
  for (let k = 0, slot = 0; k < hits.length; k++, slot += SLOTS_PER_TERM) {
    const hit = hits[k];
    if (listHas(hit.name, positions, slot + NAME_SLOT, char)) {
      found[k] = FOUND_IN_NAME;
    } else if (listHas(hit.alias, positions, slot + ALIAS_SLOT, char)) {
      found[k] = FOUND_IN_ALIAS;
      if (kind === 'name') kind = 'alias';
    } else if (listHas(hit.informal, positions, slot + INFORMAL_SLOT, char)) {
      found[k] = FOUND_IN_INFORMAL;
      if (kind === 'name') kind = 'alias';
    } else if (listHas(hit.keywordChars, positions, slot + KEYWORD_SLOT, char)) {
      found[k] = FOUND_IN_KEYWORD;
      if (kind !== 'unihan') kind = 'keyword';
    } else {
      found[k] = FOUND_IN_UNIHAN;
      kind = 'unihan';
    }
  }
  return kind;
}

/**
 * Counts work on the meter; the query is spelt out only when the meter
 * refuses it, for the refusal's words (afford counts nothing then, and
 * charge counts and refuses). Spelt for every ranking (twice for a
 * match past names), it was 3% of the ranking's time.
 */
function chargeRanking(meter: WorkMeter, units: number, hits: readonly TermHits[]): void {
  if (!meter.afford(units)) meter.charge(units, hits.map((hit) => termText(hit.term)).join(' '));
}

/**
 * One ranking's scoring of its candidates (each at most once, in ascending
 * order): what every score asks is made once, the rest when a score first
 * asks it; the explanations of the matches past names are made as they are scored.
 */
class Scorer {
  readonly explanations = new Map<number, Explanation>();
  /** Exact names, aliases and short names among the candidates, by char; null when there are none (most queries). */
  private readonly exact: Map<number, number> | null;
  /** Where each term's lists were walked to (hasFrom), NAME_SLOT… of each term in turn. */
  private readonly positions: Int32Array | null;
  /** Asked only of a name match that is not exact: many queries' one match is exact, or by a keyword. */
  private covered: QueryCoverage | null = null;
  /** The language explainKeyword chose for each term found only in keywords, for the char being scored (made when first needed). */
  private keywordLanguages: Int32Array | null = null;
  private readonly explainedWork: number;
  /** Where kindOfMatch found each term for the char being scored. */
  private readonly found: Uint8Array;

  constructor(
    private readonly index: CharIndex,
    candidates: Uint32Array,
    private readonly hits: readonly TermHits[],
    private readonly options: RankOptions,
    private readonly meter: WorkMeter,
    private readonly namesOnly: boolean,
  ) {
    this.exact = exactSources(candidates, options, meter);
    // Names alone are told apart by no source: no lists are walked then; one candidate is sought once in each.
    this.positions = namesOnly || candidates.length === 1 ? null : new Int32Array(SLOTS_PER_TERM * hits.length);
    this.explainedWork = hits.length * EXPLAINED_CHAR_WORK;
    this.found = namesOnly ? EMPTY_FOUND : new Uint8Array(hits.length);
  }

  score(char: number): number {
    const { index, hits, options, found } = this;
    const source = this.exact === null ? undefined : this.exact.get(char);
    switch (this.namesOnly ? 'name' : kindOfMatch(hits, this.positions, char, found)) {
      case 'name': {
        // Exact by any of its names: SNAKE, or ☀ BLACK SUN WITH RAYS, whose English short name is `sun`.
        if (source !== undefined && source <= PHRASE_NAME_GENERIC) return MATCH_POINTS.exactName;
        if (source === PHRASE_SHORTCODE) return MATCH_POINTS.exactShortcode;
        if (source === PHRASE_HTML) return MATCH_POINTS.exactHtml;
        if (source !== undefined && source < PHRASE_CLDR) return MATCH_POINTS.exactAlias;
        if (source !== undefined && options.preferred(source - PHRASE_CLDR)) return MATCH_POINTS.exactShortName;
        const words = index.contentWordCount(char);
        this.covered ??= coverageOf(index, hits);
        return MATCH_POINTS.name + Math.round((MATCH_POINTS.nameCoverage * Math.min(this.covered.of(char), words)) / Math.max(1, words));
      }
      case 'alias':
        if (source === PHRASE_ALIAS || source === PHRASE_INFORMAL_ALIAS || source === PHRASE_SHORTCODE) {
          this.explain(char, explainExact(index, char, source, options.exactWords!.words));
          return source === PHRASE_SHORTCODE ? MATCH_POINTS.exactShortcode : MATCH_POINTS.exactAlias;
        }
        if (source === PHRASE_HTML) {
          this.explain(char, explainExact(index, char, source, options.exactWords!.words));
          return MATCH_POINTS.exactHtml;
        }
        this.explain(char, explainAlias(index, char, hits, found));
        return MATCH_POINTS.alias;
      case 'keyword': {
        if (source === PHRASE_SHORTCODE) {
          // A shortcode whose words are the emoji's English keywords too (`smile`, 😄's keyword and shortcode).
          this.explain(char, explainExact(index, char, source, options.exactWords!.words));
          return MATCH_POINTS.exactShortcode;
        }
        if (source !== undefined && source >= PHRASE_CLDR) {
          // The whole short name in another language (`gato` = 🐈 in Spanish) beats its mere keywords.
          this.explain(char, explainExact(index, char, source, options.exactWords!.words));
          return options.preferred(source - PHRASE_CLDR) ? MATCH_POINTS.exactShortName : MATCH_POINTS.otherExact;
        }
        const languages = (this.keywordLanguages ??= new Int32Array(hits.length));
        const asKeyword = explainKeyword(index, char, hits, found, options.language, languages);
        this.explain(char, asKeyword);
        if (!options.preferred(asKeyword.language)) return MATCH_POINTS.otherKeyword;
        if (!everyKeywordWhole(char, hits, found, languages)) return MATCH_POINTS.keywordPart;
        // CLDR calling the character by the query's words (🙂 is `smile`) says more than a keyword eking out a name (🐯 TIGER FACE for `cat face`).
        return asKeyword.everyTerm ? MATCH_POINTS.keyword : MATCH_POINTS.keywordWithName;
      }
      case 'unihan': {
        const asUnihan = explainUnihan(index, char, hits, found, options.language, (this.keywordLanguages ??= new Int32Array(hits.length)));
        this.explain(char, asUnihan.explanation);
        if (options.ideographs) return asUnihan.definition ? MATCH_POINTS.keyword : MATCH_POINTS.keywordPart;
        return asUnihan.definition ? MATCH_POINTS.unihanDefinition : MATCH_POINTS.unihanReading;
      }
    }
  }

  private explain(char: number, explanation: Explanation): void {
    chargeRanking(this.meter, this.explainedWork, this.hits);
    this.explanations.set(char, explanation);
  }
}

export function rank(index: CharIndex, candidates: Uint32Array, hits: readonly TermHits[], options: RankOptions, meter: WorkMeter): Ranked {
  const namesOnly = hits.every(matchesByNameOnly);
  chargeRanking(meter, candidates.length * hits.length * (namesOnly ? SCORED_CHAR_WORK : RANKED_CHAR_WORK), hits);
  const scorer = new Scorer(index, candidates, hits, options, meter, namesOnly);
  const { explanations } = scorer;

  if (options.sort === 'cp') {
    if (!namesOnly) for (const char of candidates) scorer.score(char);
    return { segments: candidates.length > 0 ? [{ chars: candidates, via: 'name', explained: sortedKeys(explanations) }] : [], explanations, typed: null };
  }

  // One match has no order to find, only its explanation: three queries in five of the diverse bench have one,
  // and their scores, buckets and copies were a third of the ranking's time.
  if (candidates.length === 1) {
    if (!namesOnly) scorer.score(candidates[0]);
    return { segments: [{ chars: candidates, via: 'name', explained: explainedOf(candidates, explanations) }], explanations, typed: typedOfOne(candidates, hits) };
  }
  // Matched only through another form of a word (`dots` → MIDDLE DOT): after the same match of the words as typed (… is `dots` in CLDR).
  const typedLists = typedListsOf(hits);
  // The matches as typed are gathered as they are scored, each typed list walked alongside (intersect walked them before, and the scoring again).
  const typedAt = typedLists === null ? EMPTY_POSITIONS : new Int32Array(typedLists.length);
  const typedChars = typedLists === null ? EMPTY : new Uint32Array(candidates.length);
  let typedCount = 0;
  // Bucketed by score, then prior, each bucket in code point order.
  const bucketOf = new Uint16Array(candidates.length);
  let lowest = BUCKETS - 1;
  let highest = 0;
  for (let k = 0; k < candidates.length; k++) {
    const char = candidates[k];
    let inflected = 0;
    if (typedLists !== null) {
      if (everyHas(typedLists, typedAt, char)) typedChars[typedCount++] = char;
      else inflected = MATCH_POINTS.inflected;
    }
    const prior = index.prior(char);
    const score = scorer.score(char) + inflected + prior + options.scripts.pointsOf(char) + SCORE_OFFSET;
    const bucket = (score < 0 ? 0 : score >= SCORES ? SCORES - 1 : score) * TIES + tieStep(prior);
    bucketOf[k] = bucket;
    if (bucket < lowest) lowest = bucket;
    if (bucket > highest) highest = bucket;
  }
  const typed = typedLists === null ? null : typedCount === candidates.length ? candidates : typedChars.subarray(0, typedCount);
  const segments = candidates.length <= INSERTION_SORTED ? insertionSorted(candidates, bucketOf, explanations) : countingSorted(candidates, bucketOf, lowest, highest, explanations);
  return { segments, explanations, typed };
}

/**
 * Up to this many matches are sorted by insertion, not counted into
 * buckets: a few comparisons, where the counting sort walks every bucket
 * between the lowest score and the highest, five to a point, three times.
 */
const INSERTION_SORTED = 16;

/** The candidates by bucket, highest first, stably (code point order within one), cut into a segment per bucket. */
function insertionSorted(candidates: Uint32Array, bucketOf: Uint16Array, explanations: ReadonlyMap<number, Explanation>): Segment[] {
  const ordered = new Uint32Array(candidates.length);
  const buckets = new Uint16Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const bucket = bucketOf[k];
    let at = k;
    for (; at > 0 && buckets[at - 1] < bucket; at--) {
      buckets[at] = buckets[at - 1];
      ordered[at] = ordered[at - 1];
    }
    buckets[at] = bucket;
    ordered[at] = candidates[k];
  }
  const segments: Segment[] = [];
  for (let start = 0, end = 1; start < ordered.length; start = end++) {
    while (end < ordered.length && buckets[end] === buckets[start]) end++;
    const chars = ordered.subarray(start, end);
    segments.push({ chars, via: 'name', explained: explainedOf(chars, explanations) });
  }
  return segments;
}

/** The same by a counting sort over the buckets used (the 103,204 of `cjk` cost one pass). */
function countingSorted(candidates: Uint32Array, bucketOf: Uint16Array, lowest: number, highest: number, explanations: ReadonlyMap<number, Explanation>): Segment[] {
  const counts = bucketCounts;
  for (let k = 0; k < candidates.length; k++) counts[bucketOf[k]]++;
  const segments: Segment[] = [];
  const starts = bucketStarts;
  const ordered = new Uint32Array(candidates.length);
  for (let bucket = highest, at = 0; bucket >= lowest; bucket--) {
    starts[bucket] = at;
    at += counts[bucket];
  }
  const fill = bucketFill;
  for (let bucket = lowest; bucket <= highest; bucket++) fill[bucket] = starts[bucket];
  for (let k = 0; k < candidates.length; k++) ordered[fill[bucketOf[k]]++] = candidates[k];
  for (let bucket = highest; bucket >= lowest; bucket--) {
    if (counts[bucket] === 0) continue;
    const chars = ordered.subarray(starts[bucket], starts[bucket] + counts[bucket]);
    segments.push({ chars, via: 'name', explained: explainedOf(chars, explanations) });
  }
  counts.fill(0, lowest, highest + 1);
  return segments;
}

/** The typed lists of the terms that also matched in another form (their `typed` is not `all`); null when none did. */
function typedListsOf(hits: readonly TermHits[]): Uint32Array[] | null {
  let lists: Uint32Array[] | null = null;
  for (const hit of hits) if (hit.typed !== hit.all) (lists ??= []).push(hit.typed);
  return lists;
}

/** The one candidate when every term matched it as typed, else none; null when no term matched in another form. */
function typedOfOne(candidates: Uint32Array, hits: readonly TermHits[]): Uint32Array | null {
  let asTyped = true;
  let inflected = false;
  for (const hit of hits) {
    if (hit.typed === hit.all) continue;
    inflected = true;
    if (!contains(hit.typed, candidates[0])) asTyped = false;
  }
  return !inflected ? null : asTyped ? candidates : EMPTY;
}

/** Whether every list has value (asked in ascending order; see hasFrom). */
function everyHas(lists: readonly Uint32Array[], positions: Int32Array, value: number): boolean {
  for (let k = 0; k < lists.length; k++) if (!hasFrom(lists[k], positions, k, value)) return false;
  return true;
}

/** The chars of a segment that have an explanation, ascending (a typed array's filter with a callback cost more than the ranking of a few matches). */
function explainedOf(chars: Uint32Array, explanations: ReadonlyMap<number, Explanation>): Uint32Array {
  if (explanations.size === 0) return EMPTY;
  let count = 0;
  for (let k = 0; k < chars.length; k++) if (explanations.has(chars[k])) count++;
  if (count === chars.length) return chars;
  if (count === 0) return EMPTY;
  const explained = new Uint32Array(count);
  let at = 0;
  for (let k = 0; k < chars.length; k++) if (explanations.has(chars[k])) explained[at++] = chars[k];
  return explained;
}

const EMPTY = new Uint32Array(0);
const EMPTY_FOUND = new Uint8Array(0);
const EMPTY_POSITIONS = new Int32Array(0);

function tieStep(prior: number): number {
  let step = 0;
  while (step < PRIOR_STEPS.length && prior >= PRIOR_STEPS[step]) step++;
  return step;
}

function sortedKeys(explanations: ReadonlyMap<number, Explanation>): Uint32Array {
  return Uint32Array.from(explanations.keys()).sort();
}

/** For chars of `candidates` having a name, alias or short name that is exactly the query: the best such source; null when none has. */
function exactSources(candidates: Uint32Array, options: RankOptions, meter: WorkMeter): Map<number, number> | null {
  if (!options.exactWords) return null;
  // The names holding every word are intersected word by word (repeated words too): each seeks through the shortest list.
  const { words, matches, shortestNameList } = options.exactWords;
  const units = words.length * shortestNameList;
  if (!meter.afford(units)) meter.charge(units, words.join(' '));
  let sources: Map<number, number> | null = null;
  for (const { char, source } of matches) {
    if (options.mode === 'names' && source > PHRASE_NAME_GENERIC) continue;
    if (source >= PHRASE_CLDR && !options.allowed(source - PHRASE_CLDR)) continue;
    if (sources?.has(char) || !contains(candidates, char)) continue; // the best source of a char comes first
    (sources ??= new Map()).set(char, source);
  }
  return sources;
}

function explainExact(index: CharIndex, char: number, source: number, words: readonly string[]): Explanation {
  if (source === PHRASE_ALIAS || source === PHRASE_SHORTCODE || source === PHRASE_HTML) return { via: 'alias', note: findAlias(index, char, words) };
  if (source === PHRASE_INFORMAL_ALIAS) return { via: 'informal-alias', note: findInformalAlias(index, char, words) };
  // The short name is the query's words (their texts stay on disk until /lang needs them).
  const tag = index.languages[source - PHRASE_CLDR].tag;
  return { via: `cldr:${tag}`, note: `${tag}: ${words.join(' ')}` };
}

/** The alias that is the words, else the first holding them all (`maplet`, not `z notation maplet`, for `maplet`). */
function bestAlias(texts: readonly string[], words: readonly string[], split: (text: string) => string[]): string | null {
  const spelled = texts.map(split);
  const at = spelled.findIndex((own) => own.length === words.length && own.every((word, k) => word === words[k]));
  const holding = at >= 0 ? at : spelled.findIndex((own) => words.every((word) => own.includes(word)));
  return texts[holding >= 0 ? holding : 0] ?? null;
}

function findAlias(index: CharIndex, char: number, words: readonly string[]): string | null {
  return bestAlias(index.aliases(char).map(({ alias }) => alias), words, nameWords);
}

function findInformalAlias(index: CharIndex, char: number, words: readonly string[]): string | null {
  return bestAlias(index.informalAliases(char), words, textWords);
}

/**
 * The coverage of the words of every term, in order (a prefix as typed,
 * which no name list holds). A word's own name list is its hits' when
 * they hold no other form's (as many as its own names): looking it up in
 * the vocabulary again, for a case or script word, was about 4% of the
 * ranking's time (the coverage's arrays made only when there is such a word).
 */
function coverageOf(index: CharIndex, hits: readonly TermHits[]): QueryCoverage {
  const words: string[] = [];
  const nameLists: (Uint32Array | undefined)[] = [];
  for (const hit of hits) {
    const { term } = hit;
    if (term.kind === 'word') {
      words.push(term.word);
      nameLists.push(hit.ownNames === hit.name.length ? hit.name : undefined);
    } else {
      for (const word of term.kind === 'phrase' ? term.words : [term.prefix]) {
        words.push(word);
        nameLists.push(undefined);
      }
    }
  }
  return new QueryCoverage(index, words, nameLists);
}

function termWords(hit: TermHits): string[] {
  const { term } = hit;
  return term.kind === 'word' ? [term.word] : term.kind === 'phrase' ? term.words : [term.prefix];
}

/** The alias that supplied the words the name lacks: a formal one if it did, else an informal one. */
function explainAlias(index: CharIndex, char: number, hits: readonly TermHits[], found: Uint8Array): Explanation {
  const fromFormal: string[] = [];
  for (let k = 0; k < hits.length; k++) if (found[k] === FOUND_IN_ALIAS) fromFormal.push(...termWords(hits[k]));
  // Without a formal alias's words, every term the name lacks is in an informal alias.
  if (fromFormal.length > 0) return { via: 'alias', note: findAlias(index, char, fromFormal) };
  const fromInformal: string[] = [];
  for (let k = 0; k < hits.length; k++) if (found[k] === FOUND_IN_INFORMAL) fromInformal.push(...termWords(hits[k]));
  return { via: 'informal-alias', note: findInformalAlias(index, char, fromInformal) };
}

/**
 * The CLDR language(s) and keywords that matched: a language shared by every
 * keyword term is preferred — the session's `/lang`, then English, then the
 * first. The note names each language once, its keywords in the terms' order,
 * the languages in the order of their first term.
 */
function explainKeyword(
  index: CharIndex,
  char: number,
  hits: readonly TermHits[],
  found: Uint8Array,
  preferred: number,
  languages: Int32Array,
): Explanation & { language: number; everyTerm: boolean } {
  const keywordHits: TermHits[] = [];
  const languagesOf: number[][] = [];
  for (let k = 0; k < hits.length; k++) {
    if (found[k] !== FOUND_IN_KEYWORD) continue;
    keywordHits.push(hits[k]);
    languagesOf.push(tagsHaving(hits[k].keyword, char));
  }
  let shared = languagesOf[0];
  for (let k = 1; k < languagesOf.length; k++) shared = shared.filter((language) => languagesOf[k].includes(language));
  const chosen = languagesOf.map((languages) => chosenLanguage(shared.length > 0 ? shared : languages, preferred));
  const keywords = keywordHits.map((hit, k) => keywordOf(index, hit, char, chosen[k]));
  for (let k = 0, at = 0; k < hits.length; k++) if (found[k] === FOUND_IN_KEYWORD) languages[k] = chosen[at++];
  let note = '';
  for (let k = 0; k < chosen.length; k++) {
    const language = chosen[k];
    if (chosen.indexOf(language) < k) continue;
    let words = keywords[k];
    for (let other = k + 1; other < chosen.length; other++) if (chosen[other] === language) words += `, ${keywords[other]}`;
    note += `${k > 0 ? '; ' : ''}${index.languages[language].tag}: ${words}`;
  }
  return { via: `cldr:${index.languages[chosen[0]].tag}`, note, language: chosen[0], everyTerm: keywordHits.length === hits.length };
}

/**
 * Whether every term found only in keywords is a whole keyword of char in
 * the language explainKeyword chose for it (`languages`). Asked only of a
 * match in a preferred language (another's ranks the same either way) and
 * not for a Unihan match's note: most of the tests were never needed, each
 * a word's lookup in the keyword vocabulary.
 */
function everyKeywordWhole(char: number, hits: readonly TermHits[], found: Uint8Array, languages: Int32Array): boolean {
  for (let k = 0; k < hits.length; k++) {
    if (found[k] !== FOUND_IN_KEYWORD) continue;
    const hit = hits[k];
    // Phrases are whole by their nature; a prefix's expansions count as words of keywords.
    if (hit.term.kind === 'prefix') return false;
    // A word's test is kept with its hits (hits.ts WholeKeyword), a phrase has none.
    const whole = hit.wholeKeyword;
    if (whole !== null && !whole.test(packEntry(char, languages[k]))) return false;
  }
  return true;
}

/** The session's `/lang` among a term's languages, else English, else the first. */
function chosenLanguage(languages: readonly number[], preferred: number): number {
  return languages.includes(preferred) ? preferred : languages.includes(0) ? 0 : languages[0];
}

/** The tags (languages, Unihan fields) char has in sorted (char, tag) entries, ascending. */
function tagsHaving(entries: Uint32Array, char: number): number[] {
  const tags: number[] = [];
  for (let at = lowerBound(entries, packEntry(char, 0)); at < entries.length && entryChar(entries[at]) === char; at++) tags.push(entryTag(entries[at]));
  return tags;
}

/**
 * An ideograph some term found only in Unihan: the field and the definition
 * word or reading as Unihan writes it (`def: water`, `pinyin: shuǐ`), the
 * first field in UNIHAN_SOURCES order when several have it; after the CLDR
 * keywords of the other terms, if any. Definition when every such term is in
 * the definition, else reading.
 */
function explainUnihan(
  index: CharIndex,
  char: number,
  hits: readonly TermHits[],
  found: Uint8Array,
  language: number,
  keywordLanguages: Int32Array,
): { definition: boolean; explanation: Explanation } {
  const parts = new Map<number, string[]>();
  let inKeywords = false;
  for (let k = 0; k < hits.length; k++) {
    inKeywords ||= found[k] === FOUND_IN_KEYWORD;
    if (found[k] !== FOUND_IN_UNIHAN) continue;
    const hit = hits[k];
    const tag = tagsHaving(hit.unihan, char)[0] ?? 0;
    const field = tagField(tag);
    parts.set(field, [...(parts.get(field) ?? []), unihanSpelling(hit, char, tag)]);
  }
  const unihanNote = [...parts].map(([field, items]) => `${UNIHAN_SOURCES[field].label}: ${items.join(', ')}`).join('; ');
  const keywordNote = inKeywords ? explainKeyword(index, char, hits, found, language, keywordLanguages).note : null;
  const fields = [...parts.keys()];
  return {
    definition: fields.every((field) => field === DEFINITION_FIELD),
    explanation: { via: `unihan:${UNIHAN_SOURCES[fields[0] ?? DEFINITION_FIELD].label}`, note: keywordNote === null ? unihanNote : `${keywordNote}; ${unihanNote}` },
  };
}

/** The definition word or reading a term matched, as Unihan spells it; for a prefix of many keys, `prefix*`. */
function unihanSpelling(hit: TermHits, char: number, tag: number): string {
  const entry = packEntry(char, tag);
  const found = hit.unihanWords.find(({ entries }) => contains(entries, entry));
  return found?.spellings[tagForm(tag)] ?? found?.key ?? termText(hit.term);
}

/** The keyword a term matched in a language: the word itself, the phrase, or the word a prefix expanded to. */
function keywordOf(index: CharIndex, hit: TermHits, char: number, language: number): string {
  const { term } = hit;
  if (term.kind === 'word') return term.word;
  if (term.kind === 'phrase') return term.words.join(' ');
  const entry = packEntry(char, language);
  return hit.keywordWords.find((word) => contains(index.postings('keyword', word), entry)) ?? `${term.prefix}*`;
}
