/**
 * The characters one query term matches, kept apart by source — name,
 * formal alias, informal alias, CLDR keyword, Unihan definition or reading —
 * so the ranking can tell an exact name from a keyword hit without looking
 * again. A phrase is not looked for in Unihan definitions.
 */
import type { CharIndex, MergedWordLists, PrefixExpansion, WordSource } from '../index/charIndex.js';
import { difference, distinctValues, intersect, mergedUnion, union } from '../index/postings.js';
import { entryChar, packEntry } from '../index/taggedChars.js';
import { readingKey } from '../index/unihanWords.js';
import { isSpelling, joinedWords, wordVariants, type Variant } from './expansions.js';
import { nameWords, textWords } from '../index/words.js';
import { termText, type Term } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import { NAME_PHRASE_CANDIDATE_WORK, PHRASE_CANDIDATE_WORK, PREFIX_WORD_WORK, PHRASE_SHORT_NAME_WORK, SORTED_ENTRY_WORK, UNLIMITED_BUDGET, WorkMeter } from './budget.js';
import { EMPTY_CHARS } from './result.js';
import { ChargeLog, rememberedWordHits, type HitsFacts } from './wordCache.js';

export interface UnihanKey {
  key: string;
  entries: Uint32Array;
  /** By form (see tagForm): how Unihan spells the key (read when first asked: unihanKey). */
  readonly spellings: string[];
}

/**
 * A Unihan key and its entries; its spellings are read from the index when a
 * hit is first explained by them (most never are). A class, not an object
 * literal with a getter: that literal (a closure and an accessor made per
 * word) was 3% of a missed word's time in the bench.
 */
class LazyUnihanKey implements UnihanKey {
  private read: string[] | undefined;

  constructor(
    private readonly index: CharIndex,
    readonly key: string,
    readonly entries: Uint32Array,
  ) {}

  get spellings(): string[] {
    return (this.read ??= this.index.unihan.spellings(this.key));
  }
}

function unihanKey(index: CharIndex, key: string, entries: Uint32Array): UnihanKey {
  return new LazyUnihanKey(index, key, entries);
}

/**
 * A word's test of whether a keyword entry is its whole keyword (the
 * ranking's and the language rule's question), made when first asked and
 * kept with the word's remembered hits, from the keyword vocabulary id its
 * keyword list was taken with, where it was (`keywordId`): each ranking
 * asking it looked the word up in the keyword vocabulary again, the
 * ranking's largest single cost.
 */
export class WholeKeyword {
  private made: ((entry: number) => boolean) | undefined;

  constructor(
    private readonly index: CharIndex,
    private readonly word: string,
    private readonly keywordId?: number,
  ) {}

  get test(): (entry: number) => boolean {
    return (this.made ??= this.keywordId === undefined ? this.index.wholeKeywordTest(this.word) : this.index.wholeKeywordTestOf(this.keywordId));
  }
}

export interface TermHits {
  term: Term;
  /** Chars having the term in their name. */
  name: Uint32Array;
  /** Chars having it in a formal alias, not in the name. */
  alias: Uint32Array;
  /** Chars having it in an informal alias only. */
  informal: Uint32Array;
  /** (char, language) entries of chars having it only in CLDR annotations. */
  keyword: Uint32Array;
  keywordChars: Uint32Array;
  /** (char, Unihan field) entries of ideographs having it as a definition word or reading (see unihanWords.ts). */
  unihan: Uint32Array;
  unihanChars: Uint32Array;
  /** Every char the term matches. */
  all: Uint32Array;
  /** For a prefix: the keyword words it stands for, when few enough to name in a note; for a word: it and its variants. */
  keywordWords: string[];
  /** The Unihan keys the term stands for (a prefix: when few enough to name), with their entries and spellings, to explain a hit without looking again. */
  unihanWords: UnihanKey[];
  /** For a word: the variants whose lists were taken besides its own (expansions.ts), none in `/match names`. */
  variants: Variant[];
  /** The chars the term matches as typed or spelt otherwise (fold, synonym, number, -wards), not through another form (inflection); `all` when the same. */
  typed: Uint32Array;
  /** Set when the lists above are kept only for some chars (hitsAmongOthers): what the term matches in the whole index. */
  whole?: WholeTerm;
  /** For a word: how many names hold it as typed (its own name list, without variants), which the exact matches' charge asks (smallWords.ts). */
  ownNames?: number;
  /** For a word: whether a keyword entry is it as a whole keyword; null for a prefix or phrase. */
  wholeKeyword: WholeKeyword | null;
  /**
   * What the language rule finds of these hits (languages.ts), kept with
   * them when the word cache keeps them (wordCache.ts); null for hits made
   * for one query, whose facts are found afresh. Kept in a WeakMap by the
   * hits' keyword list, the facts of every query's own lists lived on as
   * long as the table did: the scavenger keeps a WeakMap's young entries, so
   * each went to the old generation to die there (the bench's 60,000
   * queries in one process: 1.6 MB promoted a scavenge; without the word
   * cache, 1.3 MB against 1 KB without the table).
   */
  facts: HitsFacts | null;
}

/**
 * What a term whose lists are kept only for some chars matches in the whole
 * index: all the language rule and the ranking ask of a term beyond the
 * chars it is matched against (whether it is English, whether it matches
 * beyond names). The runs of entries are its words' lists back to back.
 */
export interface WholeTerm {
  name: boolean;
  alias: boolean;
  informal: boolean;
  unihan: Uint32Array;
  keyword: Uint32Array;
  /** The keyword entries the language rule lets count (languages.ts), null for all. */
  keywordCounts: ((entry: number) => boolean) | null;
}

/** A prefix expanding to more keyword words than this is named in notes as `prefix*`. */
const MAX_NAMED_EXPANSIONS = 32;
/** A prefix's words up to this many have their lists merged one by one; more are read as one run (mergedWords). */
const MERGED_WORDS = 8;

/** The hits of `term`; the entries read are charged to `meter`, which refuses the query once over budget. A word's are remembered (wordCache.ts). */
export function termHits(index: CharIndex, term: Term, mode: MatchMode, meter: WorkMeter): TermHits {
  switch (term.kind) {
    case 'word':
      return rememberedWordHits(index, term, mode, meter, (log) => wordHits(index, term, mode, log));
    case 'prefix':
      return prefixHits(index, term, mode, meter);
    case 'phrase':
      return phraseHits(index, term, mode, meter);
  }
}

type SourceLists = Record<WordSource, Uint32Array>;

/**
 * A word with this many name matches of its own gains nothing from its other
 * forms (`letter` has 11,648; `letters` adds 3) but their merging: it keeps
 * its other spellings only (folded, re-spelt, a number, -wards).
 */
const FORMS_NEEDED_BELOW = 2000;

/**
 * Folding hook (expansions.ts): in `/match all` a word's lists are the union
 * over it and its variants (`hearts` → heart, `tete` → tête); a word no source
 * holds, made of two name words, is read as their phrase (`forall` → "for all").
 * Unihan is searched by the word as typed (its readings have their own folding: readingKey).
 */
function wordHits(index: CharIndex, term: Extract<Term, { kind: 'word' }>, mode: MatchMode, meter: WorkMeter): TermHits {
  const ownNames = index.namePostings(term.word);
  const common = ownNames.name.length >= FORMS_NEEDED_BELOW;
  const variants = mode === 'all' ? wordVariants(index, term.word, term.verbForms === true).filter(({ rule }) => !common || isSpelling(rule)) : [];
  const words = variants.length === 0 ? [term.word] : [term.word, ...variants.map(({ word }) => word)];
  // A word of the vocabularies with variants has their lists merged in the index (the variants' lists and
  // their unions were half the time of the bench's missed words, a quarter of them).
  const merged = variants.length > 0 && term.verbForms !== true ? index.mergedLists(term.word) : null;
  if (merged) return mergedWordHits(index, term, meter, merged, words, variants, ownNames.name.length);
  const keywordId = mode === 'names' ? undefined : index.keywordId(term.word);
  const own = { name: ownNames.name, alias: ownNames.alias, 'informal-alias': ownNames.informal, keyword: keywordId === undefined ? EMPTY_CHARS : index.keywordPostingsOf(keywordId) };
  const wholeKeyword = new WholeKeyword(index, term.word, keywordId);
  // Each word's lists, looked up once (the typed matches below take them again). Three missed words in four
  // of the bench have no variant: their lists are their own, with no arrays of lists made to merge one.
  const listsOf = variants.length === 0 ? null : [own, ...variants.map(({ word }) => wordLists(index, word, mode))];
  const lists = takeLists(mode, meter, term, (source) => {
    if (source === 'unihan') return index.postings(source, term.word);
    if (listsOf === null) return own[source].length === 0 ? EMPTY_CHARS : own[source];
    const each = listsOf.map((wordLists) => wordLists[source]);
    // takeLists charges the merged list; the variants' lists are read besides.
    if (each.length > 1) meter.charge(each.slice(1).reduce((sum, list) => sum + list.length, 0), termText(term));
    return TAGGED.has(source) ? mergedUnion(each) : union(each);
  });
  if (mode === 'all' && variants.length === 0 && SOURCES.every((source) => lists[source].length === 0)) {
    const joined = joinedWords(index, term.word);
    if (joined) return { ...phraseHits(index, { kind: 'phrase', words: joined }, mode, meter), term, wholeKeyword };
  }
  const key = lists.unihan.length > 0 ? readingKey(term.word) : '';
  const unihanWords = lists.unihan.length > 0 ? [unihanKey(index, key, lists.unihan)] : [];
  const hits = assemble(term, mode, lists, words, unihanWords, wholeKeyword, variants, own.name.length);
  if (listsOf === null) return hits;
  // Other spellings of the word (folded, re-spelt, a digit for a number word) count as typed; other forms of it do not.
  const spelt = listsOf.filter((_, k) => k === 0 || isSpelling(variants[k - 1].rule));
  if (spelt.length === words.length) return hits;
  // A dozen lists, most short: merged, not through a bitmap of every char.
  const typed = mergedUnion(
    SOURCES.flatMap((source) =>
      source === 'unihan' ? [hits.unihanChars] : spelt.map((wordLists) => (TAGGED.has(source) ? distinctChars(wordLists[source]) : wordLists[source])),
    ),
  );
  return { ...hits, typed };
}

/**
 * The hits of a word with variants from its merged lists (MergedWordLists):
 * the same lists, charges, in the same order, and hits as wordHits makes by
 * merging its variants' lists (ucd/mergedLists.ts builds them with it).
 */
/** Where each source's variant work is in MergedWordLists.variantWork. */
const MERGED_WORK_AT: Record<Exclude<WordSource, 'unihan'>, number> = { name: 0, alias: 1, 'informal-alias': 2, keyword: 3 };

function mergedWordHits(index: CharIndex, term: Extract<Term, { kind: 'word' }>, meter: WorkMeter, merged: MergedWordLists, words: string[], variants: Variant[], ownNames: number): TermHits {
  const lists = takeLists('all', meter, term, (source) => {
    if (source === 'unihan') return index.postings(source, term.word);
    // As wordHits charges: the variants' lists read, then (takeLists) the merged one.
    meter.charge(merged.variantWork[MERGED_WORK_AT[source]], termText(term));
    return source === 'name' ? merged.name : source === 'alias' ? merged.alias : source === 'informal-alias' ? merged.informal : merged.keyword;
  });
  const unihanWords = lists.unihan.length > 0 ? [unihanKey(index, readingKey(term.word), lists.unihan)] : [];
  // The word's own keyword list is not looked up here: its whole-keyword test looks the word up when first asked.
  const hits = assemble(term, 'all', lists, words, unihanWords, new WholeKeyword(index, term.word), variants, ownNames);
  return variants.every(({ rule }) => isSpelling(rule)) ? hits : { ...hits, typed: merged.typed };
}

/**
 * Build time (ucd/mergedLists.ts): what wordHits merges for a word of the
 * vocabularies in `/match all`, found by wordHits itself over an index
 * without them; null for a word that keeps no variant.
 */
export function foundMergedLists(index: CharIndex, word: string): MergedWordLists | null {
  // Every charge kept (wordCache.ts ChargeLog), with no budget: the build's.
  const log = new ChargeLog(new WorkMeter(UNLIMITED_BUDGET));
  const hits = wordHits(index, { kind: 'word', word }, 'all', log);
  if (hits.variants.length === 0) return null;
  // takeLists' charges for a word with variants: for each source, its variants' lists, then the merged list; Unihan last.
  if (log.units.length !== 2 * (SOURCES.length - 1) + 1) throw new Error(`'${word}' was charged ${log.units.length} times, not as a word with variants`);
  const typed = hits.typed === hits.all ? EMPTY_CHARS : hits.typed;
  const variantWork = Uint32Array.of(log.units[0], log.units[2], log.units[4], log.units[6]);
  return { name: hits.name, alias: hits.alias, informal: hits.informal, keyword: hits.keyword, typed, variantWork };
}

/** A word's lists in every source but Unihan (searched by the word as typed, not its variants): one lookup per vocabulary. */
function wordLists(index: CharIndex, word: string, mode: MatchMode): Omit<SourceLists, 'unihan'> {
  const { name, alias, informal } = index.namePostings(word);
  return { name, alias, 'informal-alias': informal, keyword: mode === 'names' ? EMPTY_CHARS : index.postings('keyword', word) };
}

const SOURCES: readonly WordSource[] = ['name', 'alias', 'informal-alias', 'keyword', 'unihan'];

/** Sources whose entries are (char, tag) pairs: merged by sorting, not by char. */
const TAGGED: ReadonlySet<WordSource> = new Set(['keyword', 'unihan']);

function noLists(): SourceLists {
  return { name: EMPTY_CHARS, alias: EMPTY_CHARS, 'informal-alias': EMPTY_CHARS, keyword: EMPTY_CHARS, unihan: EMPTY_CHARS };
}

/** The lists of the sources `mode` searches (the others empty), each charged before anything is merged. */
function takeLists(mode: MatchMode, meter: WorkMeter, term: Term, list: (source: WordSource) => Uint32Array): SourceLists {
  const lists = noLists();
  for (const source of mode === 'names' ? SOURCES.slice(0, 1) : SOURCES) {
    lists[source] = list(source);
    meter.charge(lists[source].length, termText(term));
  }
  return lists;
}

/** Every term's hits are made here, with every field in the same order (one shape for the code that reads them). */
function assemble(term: Term, mode: MatchMode, lists: SourceLists, keywordWords: string[], unihanWords: TermHits['unihanWords'], wholeKeyword: WholeKeyword | null, variants: Variant[] = [], ownNames?: number): TermHits {
  const { name, alias, 'informal-alias': informal, keyword, unihan } = lists;
  const whole = undefined;
  const facts = null;
  if (mode === 'names') {
    return { term, name, alias: EMPTY_CHARS, informal: EMPTY_CHARS, keyword: EMPTY_CHARS, keywordChars: EMPTY_CHARS, unihan: EMPTY_CHARS, unihanChars: EMPTY_CHARS, all: name, keywordWords: [], unihanWords: [], variants: [], typed: name, whole, ownNames, wholeKeyword, facts };
  }
  const keywordChars = distinctChars(keyword);
  const unihanChars = distinctChars(unihan);
  const all = union([name, alias, informal, keywordChars, unihanChars]);
  return { term, name, alias, informal, keyword, keywordChars, unihan, unihanChars, all, keywordWords, unihanWords, variants, typed: all, whole, ownNames, wholeKeyword, facts };
}

/**
 * The hits of the terms, in order, for a search whose hits are asked about
 * only at the chars every term matches (a looser reading: relaxed.ts; no
 * did-you-mean replaces a term of it). A prefix beside other terms is then
 * kept only for the chars those match together: `kepi flamur i*` reads the
 * 100,000 keyword entries of `i*` once, keeping the few of the chars `kepi
 * flamur` matches, where merging them all (copied, sorted by radix, split by
 * char, filtered by language, merged again) made the prefix readings two
 * thirds of a no-match query's time. The work charged is the same, and at
 * the same terms: every prefix's words are counted, in turn, before any list
 * is read.
 */
export function hitsAmongOthers(index: CharIndex, terms: readonly Term[], mode: MatchMode, meter: WorkMeter): TermHits[] {
  if (terms.every((term) => term.kind !== 'prefix') || terms.every((term) => term.kind === 'prefix')) return terms.map((term) => termHits(index, term, mode, meter));
  const found = terms.map((term) => (term.kind === 'prefix' ? prefixWords(index, term, mode, meter) : termHits(index, term, mode, meter)));
  const others = intersect(found.flatMap((hits) => ('all' in hits ? [hits.all] : [])));
  const among = charSet(others);
  try {
    return found.map((hits) => ('all' in hits ? hits : keptPrefixHits(hits, mode, among)));
  } finally {
    clearCharSet(among, others);
  }
}

/** A prefix's words in each source the mode searches, with the notes' words, each source charged before any list is merged. */
interface PrefixWords {
  term: Extract<Term, { kind: 'prefix' }>;
  keywordWords: string[];
  unihanWords: UnihanKey[];
  expansions: Map<WordSource, PrefixExpansion>;
}

/** A prefix's lists are merged only once all their entries are counted: summing lengths is cheap, merging is not. */
function prefixHits(index: CharIndex, term: Extract<Term, { kind: 'prefix' }>, mode: MatchMode, meter: WorkMeter): TermHits {
  const { keywordWords, unihanWords, expansions } = prefixWords(index, term, mode, meter);
  const merged = noLists();
  for (const [source, words] of expansions) merged[source] = mergedWords(words, TAGGED.has(source));
  return assemble(term, mode, merged, keywordWords, unihanWords, null);
}

/** A prefix's hits at the chars of `among` (charSet) only, with what it matches in the whole index beside them. */
function keptPrefixHits({ term, keywordWords, unihanWords, expansions }: PrefixWords, mode: MatchMode, among: Uint32Array): TermHits {
  const kept = noLists();
  for (const [source, words] of expansions) kept[source] = keptEntries(words.entries, TAGGED.has(source), among);
  const run = (source: WordSource) => expansions.get(source)?.entries ?? EMPTY_CHARS;
  const whole: WholeTerm = {
    name: run('name').length > 0,
    alias: run('alias').length > 0,
    informal: run('informal-alias').length > 0,
    unihan: run('unihan'),
    keyword: run('keyword'),
    keywordCounts: null,
  };
  return { ...assemble(term, mode, kept, keywordWords, unihanWords, null), whole };
}

/** Whether a term matches by names alone: no alias, informal alias, keyword (that counts) or Unihan entry, in its lists or the whole index. */
export function matchesByNameOnly(hit: TermHits): boolean {
  if (hit.alias.length > 0 || hit.informal.length > 0 || hit.keyword.length > 0 || hit.unihan.length > 0) return false;
  const { whole } = hit;
  if (!whole) return true;
  if (whole.alias || whole.informal || whole.unihan.length > 0) return false;
  const counts = whole.keywordCounts;
  for (const entry of whole.keyword) if (counts === null || counts(entry)) return false;
  return true;
}

/**
 * One bit per char index, up to the highest of `chars` (ascending), in a
 * table kept between calls (one is read at a time) and cleared by clearCharSet:
 * made afresh, 40 KB zeroed for two chars near the end of the index.
 */
let charBits = new Uint32Array(0);

function charSet(chars: Uint32Array): Uint32Array {
  const words = chars.length === 0 ? 0 : (chars[chars.length - 1] >>> 5) + 1;
  if (charBits.length < words) charBits = new Uint32Array(words);
  for (const char of chars) charBits[char >>> 5] |= 1 << (char & 31);
  return charBits.subarray(0, words);
}

function clearCharSet(bits: Uint32Array, chars: Uint32Array): void {
  for (const char of chars) bits[char >>> 5] = 0;
}

/** The entries of a run (lists back to back) whose char is in the set (charSet), sorted, each once. */
function keptEntries(run: Uint32Array, tagged: boolean, among: Uint32Array): Uint32Array {
  const kept: number[] = [];
  for (let at = 0; at < run.length; at++) {
    const entry = run[at];
    const char = tagged ? entryChar(entry) : entry;
    const word = char >>> 5;
    if (word < among.length && (among[word] & (1 << (char & 31))) !== 0) kept.push(entry);
  }
  return kept.length === 0 ? EMPTY_CHARS : sortedDistinct(Uint32Array.from(kept));
}

function prefixWords(index: CharIndex, term: Extract<Term, { kind: 'prefix' }>, mode: MatchMode, meter: WorkMeter): PrefixWords {
  const expansion = (source: WordSource) => index.postingsWithPrefix(source, term.prefix);
  const named = { keyword: expansion('keyword'), unihan: expansion('unihan') };
  const few = (count: number) => (count <= MAX_NAMED_EXPANSIONS ? count : 0);
  const keywordWords = Array.from({ length: few(named.keyword.count) }, (_, k) => named.keyword.word(k));
  const unihanWords = Array.from({ length: few(named.unihan.count) }, (_, k) => {
    return unihanKey(index, named.unihan.word(k), named.unihan.postings(k));
  });
  // Every source's words are charged before any is merged, as their lists are counted, not taken.
  const expanded = (source: WordSource) => {
    const words = source === 'keyword' || source === 'unihan' ? named[source] : expansion(source);
    meter.charge(words.count * PREFIX_WORD_WORK + words.entries.length * (TAGGED.has(source) ? SORTED_ENTRY_WORK : 1), termText(term));
    return words;
  };
  const wanted = mode === 'names' ? SOURCES.slice(0, 1) : SOURCES;
  const expansions = new Map(wanted.map((source) => [source, expanded(source)]));
  return { term, keywordWords, unihanWords, expansions };
}

/**
 * The union of a prefix's words' lists. A few are merged; many (`k*` stands
 * for 30,000 keyword words) are read as the one run their lists make in the
 * index, without a view per word: char indices through a bitmap, packed
 * entries sorted.
 */
function mergedWords({ count, entries, postings }: PrefixExpansion, tagged: boolean): Uint32Array {
  if (count <= MERGED_WORDS) {
    const lists = Array.from({ length: count }, (_, k) => postings(k));
    return tagged ? sortedUnion(lists) : union(lists);
  }
  return tagged ? sortedDistinct(entries.slice()) : distinctValues(entries);
}

/** A phrase matches where its words stand adjacent, in order, in one name, alias or short name. */
function phraseHits(index: CharIndex, term: Extract<Term, { kind: 'phrase' }>, mode: MatchMode, meter: WorkMeter): TermHits {
  const wordHits = [...new Set(term.words)].map((word) => termHits(index, { kind: 'word', word }, mode, meter));
  const spelled = termText(term);
  meter.charge(Math.min(...wordHits.map((hits) => hits.name.length)) * NAME_PHRASE_CANDIDATE_WORK, spelled);
  const name = index.charsWithNamePhrase(term.words);
  const alias: number[] = [];
  const informal: number[] = [];
  const keyword: number[] = [];
  if (mode === 'all') {
    // Unihan definitions are not read for phrases: their ideographs are no candidates.
    const candidates = intersect(wordHits.map((hits) => union([hits.name, hits.alias, hits.informal, hits.keywordChars])));
    const unnamed = difference(candidates, name);
    // Each candidate's aliases and short names are read and split: by far the dearest part of a phrase,
    // so it is charged as it goes.
    for (const char of unnamed) {
      meter.charge(PHRASE_CANDIDATE_WORK, spelled);
      if (index.aliases(char).some(({ alias: text }) => holdsPhrase(nameWords(text), term.words))) alias.push(char);
      else if (index.informalAliases(char).some((text) => holdsPhrase(textWords(text), term.words))) informal.push(char);
      else {
        const shortNames = index.shortNames(char);
        meter.charge(shortNames.length * PHRASE_SHORT_NAME_WORK, spelled);
        for (const { language, text } of shortNames) {
          // Most short names lack the words: a substring test spares splitting them.
          const lower = text.toLowerCase();
          if (term.words.every((word) => lower.includes(word)) && holdsPhrase(textWords(text), term.words)) keyword.push(packEntry(char, language));
        }
      }
    }
  }
  const lists: SourceLists = {
    ...noLists(),
    name,
    alias: Uint32Array.from(alias),
    'informal-alias': Uint32Array.from(informal),
    keyword: Uint32Array.from(keyword),
  };
  return assemble(term, mode, lists, [term.words.join(' ')], [], null);
}

export function holdsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, k) => words[start + k] === word)) return true;
  }
  return false;
}

/** The chars of sorted (char, tag) entries, each once. */
export function distinctChars(entries: Uint32Array): Uint32Array {
  if (entries.length === 0) return EMPTY_CHARS;
  // Counted first, then made in one array of their size: a char has entries in many languages, and an array
  // of the entries' size, then cut, was two allocations (the dearest line of a missed word's time in the bench).
  let count = 1;
  for (let k = 1; k < entries.length; k++) if (entryChar(entries[k]) !== entryChar(entries[k - 1])) count++;
  const out = new Uint32Array(count);
  let n = 0;
  for (const entry of entries) {
    const char = entryChar(entry);
    if (n === 0 || out[n - 1] !== char) out[n++] = char;
  }
  return out;
}

/** Union of many sorted lists of packed entries (too sparse for a bitmap): concatenate, sort, drop repeats. */
function sortedUnion(lists: Uint32Array[]): Uint32Array {
  if (lists.length <= 1) return lists[0] ?? EMPTY_CHARS;
  const all = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  return sortedDistinct(all);
}

/** Lists this long are sorted by radix, not by comparison: a prefix's keyword entries run to 100,000. */
const RADIX_SORTED = 1024;
const RADIX_MASK = 0x7ff;
const radixCounts = new Uint32Array(RADIX_MASK + 2);

/** Sorts `all` in place and keeps each value once. */
function sortedDistinct(all: Uint32Array): Uint32Array {
  if (all.length < RADIX_SORTED) all.sort();
  else radixSort(all);
  let n = 0;
  for (let k = 0; k < all.length; k++) if (n === 0 || all[n - 1] !== all[k]) all[n++] = all[k];
  return all.subarray(0, n);
}

/** Sorts unsigned 32-bit values in place: three stable passes of 11 bits, the lowest first (5 times a comparison sort's speed at 100,000). */
function radixSort(values: Uint32Array): void {
  const other = new Uint32Array(values.length);
  radixPass(values, other, 0);
  radixPass(other, values, 11);
  radixPass(values, other, 22);
  values.set(other);
}

function radixPass(from: Uint32Array, to: Uint32Array, shift: number): void {
  const counts = radixCounts.fill(0);
  for (let k = 0; k < from.length; k++) counts[((from[k] >>> shift) & RADIX_MASK) + 1]++;
  for (let digit = 1; digit <= RADIX_MASK; digit++) counts[digit] += counts[digit - 1];
  for (let k = 0; k < from.length; k++) to[counts[(from[k] >>> shift) & RADIX_MASK]++] = from[k];
}
