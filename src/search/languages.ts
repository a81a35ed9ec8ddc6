/**
 * Which languages' CLDR keywords a query may match. Matching every word in
 * all 163 languages at once put foreign keywords among the first answers of
 * English queries (`rook` → 🚬 by Afrikaans) and mixed languages within one
 * answer (`ok hand` → 👎 by Filipino `ok` and English `hand`). The rule:
 *
 *   - English (every en-… variant) and the session's languages always count;
 *     names, aliases and Unihan readings are English vocabulary (a word of
 *     Unihan definitions only is not: `Stern`);
 *   - another language counts only when some word of the query is not English
 *     vocabulary (no name, alias or English keyword has it: `gato`, `кот`), and
 *     beside English words only as a whole keyword (`drapeau france`), and not
 *     when it is the query's one such word and one edit makes it an English
 *     word: `thumbs upp` is a typo of `thumbs up` (answered corrected), not
 *     English `thumbs` and Swedish `upp`; `cara de gato` stays Spanish;
 *   - one entry's keywords all come from one language (a language and its
 *     regional variants, `es` with `es-419`, are one); a word of its name
 *     belongs to every language (🇫🇷 for `drapeau france`).
 *
 * `/lang all` (LanguageChoice 'all') turns the rule off: every word in every language.
 */
import type { CharIndex } from '../index/charIndex.js';
import { entryChar, entryTag } from '../index/taggedChars.js';
import { contains, intersect, seek, union } from '../index/postings.js';
import { packEntry } from '../index/taggedChars.js';
import { distinctChars, WholeKeyword, type TermHits, type WholeTerm } from './hits.js';
import { unfoundFacts, type HitsFacts } from './wordCache.js';
import { DEFINITION_FIELD, tagField } from '../index/unihanWords.js';
import { SUGGEST_ANYWHERE } from '../index/suggestions.js';

/** The session's languages besides English, as index language ids; or every language, unrestricted. */
export type LanguageChoice = 'all' | readonly number[];

/**
 * What the rule reads of an index, found once: each language's family, the
 * English family's id, and the preferences asked for (preferenceOf). One
 * record, one look-up a query (three WeakMaps were three).
 */
interface LanguageTables {
  /** Each language's family: the id of the first language with the same base subtag (`es-419` → `es`). */
  family: Uint8Array;
  english: number;
  preferences: Map<string, Preference>;
}

const tables = new WeakMap<CharIndex, LanguageTables>();

function tablesOf(index: CharIndex): LanguageTables {
  let found = tables.get(index);
  if (!found) {
    const first = new Map<string, number>();
    const family = Uint8Array.from(index.languages, ({ tag }, id) => {
      const base = tag.split('-')[0];
      if (!first.has(base)) first.set(base, id);
      return first.get(base)!;
    });
    found = { family, english: family[Math.max(0, index.languageId('en'))], preferences: new Map() };
    tables.set(index, found);
  }
  return found;
}

/** Each language's family: the id of the first language with the same base subtag (`es-419` → `es`). */
export function languageFamilies(index: CharIndex): Uint8Array {
  return tablesOf(index).family;
}

export function englishFamily(index: CharIndex): number {
  return tablesOf(index).english;
}

/**
 * Whether the term is a word English knows: in a name or alias, an English
 * keyword, or a reading of an ideograph (`shui`, `neko`: what people type
 * for one). A word only Unihan defines by is rare English (`stern`, `bier`),
 * and likelier another language's word: `Stern` is ⭐ in German.
 */
function isEnglish(hit: TermHits, family: Uint8Array, english: number): boolean {
  // A term kept for some chars only (hits.ts hitsAmongOthers) is English by all it matches.
  const { whole } = hit;
  if (whole) return whole.name || whole.alias || whole.informal || englishEntries(whole.unihan, whole.keyword, family, english);
  return hit.name.length > 0 || hit.alias.length > 0 || hit.informal.length > 0 || englishEntries(hit.unihan, hit.keyword, family, english);
}

function englishEntries(unihan: Uint32Array, keyword: Uint32Array, family: Uint8Array, english: number): boolean {
  for (const entry of unihan) if (tagField(entryTag(entry)) !== DEFINITION_FIELD) return true;
  for (const entry of keyword) if (family[entryTag(entry)] === english) return true;
  return false;
}

export interface LanguageRule {
  /** The hits with the keyword entries of languages that may not count taken out. */
  hits: TermHits[];
  /** English and the session's languages: their keywords rank above others'. */
  preferred: (language: number) => boolean;
  /** Whether a language's keywords count at all for this query. */
  allowed: (language: number) => boolean;
  /** Keeps the entries whose matched words all come from one language; null when any mix is allowed. */
  oneLanguage: ((chars: Uint32Array) => Uint32Array) | null;
}

/** English and a session's languages: which count as preferred, and the key naming them. */
interface Preference {
  preferred: (language: number) => boolean;
  /** The preferred families' ids, ascending. */
  key: string;
  /** Whether a keyword entry's language is preferred. */
  keepsPreferred: (entry: number) => boolean;
  /** The names of the restrictions to preferred keywords, and to them and whole keywords (rememberedRestriction). */
  onlyPreferredKey: string;
  wholeKey: string;
  /** Whether one family is preferred (English alone, the default). */
  oneFamily: boolean;
}

/**
 * The preferences of the sets of session languages asked for, per index
 * (LanguageTables), at most PREFERENCES_KEPT of them: a query made its set,
 * closures and keys afresh (most sessions have the one set, English alone).
 * Whether a language is preferred is a table read: a set of families was
 * asked once for each keyword entry a restriction keeps or drops.
 */
const PREFERENCES_KEPT = 16;

function preferenceOf(known: LanguageTables, choice: LanguageChoice): Preference {
  const choiceKey = choice === 'all' ? 'all' : choice.length === 0 ? '' : choice.join(',');
  let preference = known.preferences.get(choiceKey);
  if (!preference) {
    const { family, english } = known;
    const families = new Set([english, ...(choice === 'all' ? [] : choice.map((id) => family[id]))]);
    const isPreferred = Uint8Array.from(family, (of) => (families.has(of) ? 1 : 0));
    const preferred = (language: number) => isPreferred[language] === 1;
    const key = families.size === 1 ? `${english}` : [...families].sort((a, b) => a - b).join(',');
    preference = { preferred, key, keepsPreferred: (entry) => isPreferred[entryTag(entry)] === 1, onlyPreferredKey: `preferred ${key}`, wholeKey: `whole ${key}`, oneFamily: families.size === 1 };
    if (known.preferences.size < PREFERENCES_KEPT) known.preferences.set(choiceKey, preference);
  }
  return preference;
}

const ALLOWED_ALL = () => true;

export function languageRule(index: CharIndex, hits: TermHits[], choice: LanguageChoice): LanguageRule {
  const known = tablesOf(index);
  const { family, english: englishId } = known;
  const { preferred, keepsPreferred, onlyPreferredKey, wholeKey, oneFamily } = preferenceOf(known, choice);
  if (choice === 'all' || hits.length === 0) return { hits, preferred, allowed: ALLOWED_ALL, oneLanguage: null };
  let foreignWords = 0;
  for (const hit of hits) if (!rememberedEnglish(hit, family, englishId)) foreignWords++;
  // Every word English (most queries): each counts in the preferred languages only, and when that is English
  // alone, every keyword entry left is English: no char can be left without a language in common.
  if (foreignWords === 0) {
    const restricted = hits.map((hit) => rememberedRestriction(hit, onlyPreferredKey, keepsPreferred));
    return { hits: restricted, preferred, allowed: preferred, oneLanguage: oneFamily ? null : oneLanguageOf(restricted, family, englishId) };
  }
  // Beside English words, another language's word counts only when it is a whole keyword there:
  // `drapeau france` is French, but not by a word of a longer keyword. The English words of such a
  // query may be that language's too, in any keyword (`de` of `cara de gato`): one entry's words still
  // come from one language (inOneLanguage).
  const mixed = foreignWords < hits.length;
  const restricted = hits.map((hit) => {
    if (!mixed || rememberedEnglish(hit, family, englishId)) return hit;
    if (foreignWords === 1 && looksMisspelt(index, hit)) return rememberedRestriction(hit, onlyPreferredKey, keepsPreferred);
    if (hit.term.kind === 'word') {
      // The word's test travels with its hits (hits.ts WholeKeyword), made when first asked: not a keyword look-up a query.
      const whole = hit.wholeKeyword ?? new WholeKeyword(index, hit.term.word);
      return rememberedRestriction(hit, wholeKey, (entry) => preferred(entryTag(entry)) || whole.test(entry));
    }
    // Every language counts unless every word is English.
    return hit;
  });
  return { hits: restricted, preferred, allowed: ALLOWED_ALL, oneLanguage: oneLanguageOf(restricted, family, englishId) };
}

/**
 * What the rule makes of a word's hits depends on the hits and the session's
 * languages only, and a word's hits are remembered (wordCache.ts): so are
 * these, in the hits' facts (TermHits.facts), for at most two sets of
 * languages a word (English alone is by far the most asked), each no larger
 * than the lists it was made from: a client cycling through `/lang` values
 * cannot grow them beyond twice the word cache's lists. What is kept is the
 * restricted hits themselves, not a copy made for each query (their term is
 * the first asker's, equal to every later one, as in wordCache.ts). Hits made
 * for one query have no facts kept: theirs are found afresh.
 */
function factsOf(hit: TermHits): HitsFacts {
  return hit.facts ?? unfoundFacts();
}

function rememberedEnglish(hit: TermHits, family: Uint8Array, english: number): boolean {
  // A word in a name or an alias is English at once, and a term kept for some chars has lists of its own query:
  // only a word known by its keywords or Unihan entries alone has its entries read, once for its hits.
  if (hit.whole || hit.keyword.length === 0 || hit.name.length > 0 || hit.alias.length > 0 || hit.informal.length > 0) return isEnglish(hit, family, english);
  const known = factsOf(hit);
  return (known.english ??= isEnglish(hit, family, english));
}

/** The hits with only the keyword entries that `counts` keeps, remembered under `key` (which names what `counts` keeps). */
function rememberedRestriction(hit: TermHits, key: string, counts: (entry: number) => boolean): TermHits {
  if (hit.whole) return wholeRestricted(hit, hit.whole, counts);
  if (hit.keyword.length === 0) return hit;
  const known = factsOf(hit);
  if (known.firstKey === key) return known.first!;
  if (known.secondKey === key) return known.second!;
  const lists = withKeywordsOf(hit, counts);
  const kept = lists === hit || (lists.keyword === hit.keyword && lists.all === hit.all) ? hit : { ...hit, ...lists, facts: null };
  if (known.firstKey === null) {
    known.firstKey = key;
    known.first = kept;
  } else if (known.secondKey === null) {
    known.secondKey = key;
    known.second = kept;
  }
  return kept;
}

/** A term kept for some chars only: its keyword entries there that count, and which count in the whole index (made afresh: its lists are the query's own). */
function wholeRestricted(hit: TermHits, whole: WholeTerm, counts: (entry: number) => boolean): TermHits {
  const before = whole.keywordCounts;
  const restricted: WholeTerm = { ...whole, keywordCounts: before === null ? counts : (entry) => before(entry) && counts(entry) };
  return { ...hit, ...(hit.keyword.length === 0 ? {} : withKeywordsOf(hit, counts)), whole: restricted, facts: null };
}

/**
 * Whether a term matches by the keywords of other languages only: no name,
 * alias, informal alias or Unihan entry, and no keyword entry in English or
 * in one of `languages` (tags) or their families. Whatever the rule keeps of
 * such a term's entries, it stays so (relaxed.ts asks).
 */
export function matchesOnlyInOtherLanguages(index: CharIndex, hit: TermHits, languages: readonly string[]): boolean {
  if (hit.whole || hit.name.length > 0 || hit.alias.length > 0 || hit.informal.length > 0 || hit.unihan.length > 0 || hit.keyword.length === 0) return false;
  const family = languageFamilies(index);
  const own = new Set([englishFamily(index)]);
  for (const tag of languages) {
    const id = index.languageId(tag);
    if (id >= 0) own.add(family[id]);
  }
  for (const entry of hit.keyword) if (own.has(family[entryTag(entry)])) return false;
  return true;
}

/** Whether a word is one edit from an English word (a name, alias or English keyword word): `upp` of `up`. */
function looksMisspelt(index: CharIndex, hit: TermHits): boolean {
  if (hit.term.kind !== 'word' || hit.term.word.length < MISSPELT_FROM) return false;
  return index.suggestions.oneEditAway(hit.term.word, SUGGEST_ANYWHERE);
}

/** Shorter words are one edit from too many others to tell (`ok`, `de`). */
const MISSPELT_FROM = 3;

function withKeywordsOf(hit: TermHits, counts: (entry: number) => boolean): Pick<TermHits, 'keyword' | 'keywordChars' | 'all' | 'typed'> {
  let kept = 0;
  for (const entry of hit.keyword) if (counts(entry)) kept++;
  if (kept === hit.keyword.length) return hit;
  const keyword = new Uint32Array(kept);
  let at = 0;
  for (const entry of hit.keyword) if (counts(entry)) keyword[at++] = entry;
  const keywordChars = distinctChars(keyword);
  const all = union([hit.name, hit.alias, hit.informal, keywordChars, hit.unihanChars]);
  return { keyword, keywordChars, all, typed: typedAmong(hit.typed, hit.all, all) };
}

/**
 * The restricted hits' typed chars: only those of `all` count, as every char
 * asked about (the query's candidates) is one of them. Kept whole, the
 * typed list outgrew `all` (`skin`: 2,105 typed of 2,102) and no longer was
 * it when every match was typed, so the ranking and typedMatchesFirst walked
 * and split by it for nothing (38,285 of the diverse bench's 41,967 rankings
 * with a typed list had every match typed).
 */
function typedAmong(typed: Uint32Array, before: Uint32Array, all: Uint32Array): Uint32Array {
  if (typed === before) return all;
  const kept = intersect([typed, all]);
  return kept.length === all.length ? all : kept;
}


/**
 * The restricted hits' one-language test, or null when it cannot remove a
 * char: a char every term matches is in each term's name, aliases or Unihan
 * lists, or has a keyword entry there, so only terms with keyword entries can
 * leave it no language in common, and at least two of them (most English
 * queries have none; a closure made for each of them was never called).
 */
function oneLanguageOf(hits: readonly TermHits[], family: Uint8Array, english: number): LanguageRule['oneLanguage'] {
  let withKeywords = 0;
  for (const hit of hits) if (hit.keyword.length > 0) withKeywords++;
  return withKeywords < 2 ? null : (chars) => inOneLanguage(chars, hits, family, english);
}

/**
 * Each family's bit in the call of inOneLanguage under way (-1: none yet),
 * and how many are given: a table kept between calls (one runs at a time)
 * where a Map was made for each.
 */
const bitOfFamily = new Int8Array(256).fill(-1);
let familyBits = 0;

/**
 * Bits of the language families (up to 32 tracked; more are rare in one
 * entry) in which `hit` matches `char`, a char it matches; `from` is where
 * its keyword entries of an earlier, smaller char were sought.
 */
function familiesOf(hit: TermHits, char: number, family: Uint8Array, from: number): number {
  const entries = hit.keyword;
  const first = seek(entries, packEntry(char, 0), from);
  keywordCursor = first;
  // No keyword entry: `all` (which holds the char) is the union of the hits' lists, so another list holds it.
  if (first === entries.length || entryChar(entries[first]) !== char) return ~0;
  // A name word (and a Unihan definition or reading) is every language's (FRANCE, TAXI, PIZZA): each word is filed under its first source only,
  // so 🇫🇷 has no French keyword `france`, and `drapeau france` must still find it.
  if (contains(hit.name, char) || contains(hit.alias, char) || contains(hit.informal, char) || contains(hit.unihanChars, char)) return ~0;
  let bits = 0;
  for (let at = first; at < entries.length && entryChar(entries[at]) === char; at++) bits |= bit(family[entryTag(entries[at])]);
  return bits;
}

/** Where familiesOf found a char's keyword entries (or their place), for the next char's search to start from. */
let keywordCursor = 0;

function bit(familyId: number): number {
  let position = bitOfFamily[familyId];
  if (position < 0) {
    position = familyBits < 32 ? familyBits : 31;
    familyBits++;
    bitOfFamily[familyId] = position;
  }
  return 1 << position;
}

/** Chars are ascending: each term's keyword entries are sought on from the last char's (galloping, postings.ts seek), not from the start. */
function inOneLanguage(chars: Uint32Array, hits: readonly TermHits[], family: Uint8Array, english: number): Uint32Array {
  if (cursors.length < hits.length) cursors = new Int32Array(2 * hits.length);
  cursors.fill(0, 0, hits.length);
  bitOfFamily.fill(-1);
  bitOfFamily[english] = 0;
  familyBits = 1;
  const kept = new Uint32Array(chars.length);
  let n = 0;
  for (const char of chars) {
    let common = ~0;
    for (let k = 0; k < hits.length; k++) {
      common &= familiesOf(hits[k], char, family, cursors[k]);
      cursors[k] = keywordCursor;
      if (common === 0) break;
    }
    if (common !== 0) kept[n++] = char;
  }
  return n === chars.length ? chars : kept.subarray(0, n);
}

/** Each term's place in its keyword entries, by term (kept between calls). */
let cursors = new Int32Array(8);
