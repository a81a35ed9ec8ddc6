/**
 * Ranking: the matches of a word search in tiers, code point order within each.
 *
 *   1. exact name     the query is the whole official name; a trailing SIGN or
 *                     SYMBOL may be left out (`plus` = PLUS SIGN, `euro` = EURO SIGN)
 *   2. name           every term is in the official name
 *   3. exact alias    the query is a whole alias, formal or informal (`nbsp`)
 *   4. alias          every term is in the name or an alias
 *   5. exact keyword  the query is a whole CLDR short name in English or the connection's /lang
 *   6. keyword        some term only in CLDR keywords, in English or the connection's /lang
 *   7., 8.            the same two in the other languages (`gato` = 🐈 in Spanish)
 *   9. definition     some term only in an ideograph's Unihan definition (`water` = 水)
 *  10. reading        some term only in its Unihan readings (`shui` = 水)
 *
 * An exact alias or short name lifts a character within its own kind of
 * match only, so a foreign short name (`a` is 👁 in Luxembourgish) never
 * comes before a name (LATIN CAPITAL LETTER A). Unihan comes last so that an
 * English word that is also a reading (`man`, `fan`) or the meaning of
 * hundreds of ideographs (`water`) still starts with its symbols and emoji. `/sort cp` keeps the same
 * matches in one code point ordered segment.
 */
import type { CharIndex } from '../index/charIndex.js';
import { PHRASE_ALIAS, PHRASE_CLDR, PHRASE_INFORMAL_ALIAS, PHRASE_NAME_GENERIC } from '../index/phrases.js';
import { contains, lowerBound, union } from '../index/postings.js';
import { entryChar, entryTag, packEntry } from '../index/taggedChars.js';
import { DEFINITION_FIELD, tagField, tagForm, UNIHAN_SOURCES } from '../index/unihanWords.js';
import { nameWords, textWords } from '../index/words.js';
import { termText } from '../query/parse.js';
import type { MatchMode, SortOrder } from '../query/settings.js';
import { EXPLAINED_CHAR_WORK, RANKED_CHAR_WORK, type WorkMeter } from './budget.js';
import type { TermHits } from './hits.js';
import type { Explanation, Segment, Via } from './result.js';

export interface RankOptions {
  mode: MatchMode;
  sort: SortOrder;
  /** Words of the query in order, when it is plain words and phrases (an exact match is possible). */
  exactWords: string[] | null;
  /** Language id to prefer when explaining a keyword match, or -1. */
  language: number;
}

export interface Ranked {
  segments: Segment[];
  explanations: Map<number, Explanation>;
}

const enum Tier {
  ExactName,
  Name,
  ExactAlias,
  Alias,
  ExactKeyword,
  Keyword,
  ExactOtherKeyword,
  OtherKeyword,
  Definition,
  Reading,
}

const TIER_COUNT = 10;

const TIER_VIA: Record<Tier, Via> = {
  [Tier.ExactName]: 'name',
  [Tier.Name]: 'name',
  [Tier.ExactAlias]: 'alias',
  [Tier.Alias]: 'alias',
  [Tier.ExactKeyword]: 'cldr:en',
  [Tier.Keyword]: 'cldr:en',
  [Tier.ExactOtherKeyword]: 'cldr:en',
  [Tier.OtherKeyword]: 'cldr:en',
  [Tier.Definition]: 'unihan:def',
  [Tier.Reading]: 'unihan:pinyin',
};

/** Walks a sorted list alongside ascending queries. */
class Cursor {
  private at = 0;
  constructor(private readonly list: Uint32Array) {}
  has(value: number): boolean {
    const list = this.list;
    if (list.length === 0) return false;
    while (this.at < list.length && list[this.at] < value) this.at++;
    return this.at < list.length && list[this.at] === value;
  }
}

type NameCursors = { name: Cursor; alias: Cursor; informal: Cursor; keyword: Cursor }[];

/** Where every term of the query was found for char: all in the name, all in the name or aliases, all there or in keywords, or some only in Unihan. */
function kindOfMatch(cursors: NameCursors, char: number): 'name' | 'alias' | 'keyword' | 'unihan' {
  // Every cursor must see every char, in order: no early exit.
  let allInName = true;
  let allInAliases = true;
  let allInKeywords = true;
  for (const cursor of cursors) {
    const inName = cursor.name.has(char);
    const inAlias = cursor.alias.has(char);
    const inInformal = cursor.informal.has(char);
    const inKeyword = cursor.keyword.has(char);
    allInName &&= inName;
    allInAliases &&= inName || inAlias || inInformal;
    allInKeywords &&= inName || inAlias || inInformal || inKeyword;
  }
  return allInName ? 'name' : allInAliases ? 'alias' : allInKeywords ? 'keyword' : 'unihan';
}

export function rank(index: CharIndex, candidates: Uint32Array, hits: readonly TermHits[], options: RankOptions, meter: WorkMeter): Ranked {
  const explanations = new Map<number, Explanation>();
  const exact = exactSources(index, candidates, options, meter);
  if (exact.size === 0 && hits.every((hit) => hit.alias.length === 0 && hit.informal.length === 0 && hit.keyword.length === 0 && hit.unihan.length === 0)) {
    // Nothing but names, nothing exact: the common case, and the 98,887 of `cjk`, costs no pass over the matches.
    return { segments: candidates.length > 0 ? [{ chars: candidates, via: 'name', explained: new Uint32Array(0) }] : [], explanations };
  }

  // Every char is placed, term by term, and those past the names explained.
  const queryText = hits.map((hit) => termText(hit.term)).join(' ');
  meter.charge(candidates.length * hits.length * RANKED_CHAR_WORK, queryText);

  // English (any variant) and the connection's /lang come before the other languages.
  const preferredTags = new Set(['en', ...(options.language >= 0 ? [index.languages[options.language].tag] : [])]);
  const preferred = ({ via }: Explanation) => {
    const tag = via.slice('cldr:'.length);
    return preferredTags.has(tag) || preferredTags.has(tag.split('-')[0]);
  };
  const cursors: NameCursors = hits.map((hit) => ({ name: new Cursor(hit.name), alias: new Cursor(hit.alias), informal: new Cursor(hit.informal), keyword: new Cursor(hit.keywordChars) }));
  const place = (char: number): { tier: Tier; explanation: Explanation | null } => {
    const source = exact.get(char);
    switch (kindOfMatch(cursors, char)) {
      case 'name':
        return { tier: source !== undefined && source <= PHRASE_NAME_GENERIC ? Tier.ExactName : Tier.Name, explanation: null };
      case 'alias':
        if (source === PHRASE_ALIAS || source === PHRASE_INFORMAL_ALIAS) return { tier: Tier.ExactAlias, explanation: explainExact(index, char, source, options.exactWords!) };
        return { tier: Tier.Alias, explanation: explainAlias(index, char, hits) };
      case 'keyword': {
        const asKeyword = explainKeyword(index, char, hits, options.language);
        if (source !== undefined && source >= PHRASE_CLDR) {
          const asExact = explainExact(index, char, source, options.exactWords!);
          if (preferred(asExact)) return { tier: Tier.ExactKeyword, explanation: asExact };
          // Exact in another language only: a plain keyword match in a preferred one ranks higher.
          if (!preferred(asKeyword)) return { tier: Tier.ExactOtherKeyword, explanation: asExact };
        }
        return { tier: preferred(asKeyword) ? Tier.Keyword : Tier.OtherKeyword, explanation: asKeyword };
      }
      case 'unihan':
        return explainUnihan(index, char, hits, options.language);
    }
  };

  const tiers: number[][] = Array.from({ length: TIER_COUNT }, () => []);
  const explainedWork = hits.length * EXPLAINED_CHAR_WORK;
  for (const char of candidates) {
    const { tier, explanation } = place(char);
    tiers[tier].push(char);
    if (explanation) {
      meter.charge(explainedWork, queryText);
      explanations.set(char, explanation);
    }
  }

  const chars = tiers.map((tier) => Uint32Array.from(tier));
  if (options.sort === 'cp') {
    const explained = union(chars.slice(Tier.ExactAlias));
    return { segments: [{ chars: candidates, via: 'name', explained }], explanations };
  }
  const segments = chars.map((tierChars, tier): Segment => ({
    chars: tierChars,
    via: TIER_VIA[tier as Tier],
    // Past the names, every char carries its own explanation.
    explained: tier >= Tier.ExactAlias ? tierChars : new Uint32Array(0),
  }));
  return { segments: segments.filter((segment) => segment.chars.length > 0), explanations };
}

/** For chars of `candidates` having a name, alias or short name that is exactly the query: the best such source. */
function exactSources(index: CharIndex, candidates: Uint32Array, options: RankOptions, meter: WorkMeter): Map<number, number> {
  const sources = new Map<number, number>();
  if (!options.exactWords) return sources;
  // The names holding every word are intersected word by word (repeated words too): each seeks through the shortest list.
  const words = options.exactWords;
  meter.charge(words.length * Math.min(...words.map((word) => index.postings('name', word).length)), words.join(' '));
  for (const { char, source } of index.exactMatches(options.exactWords)) {
    if (options.mode === 'names' && source > PHRASE_NAME_GENERIC) continue;
    if (sources.has(char) || !contains(candidates, char)) continue; // the best source of a char comes first
    sources.set(char, source);
  }
  return sources;
}

function explainExact(index: CharIndex, char: number, source: number, words: readonly string[]): Explanation {
  if (source === PHRASE_ALIAS) return { via: 'alias', note: findAlias(index, char, words) };
  if (source === PHRASE_INFORMAL_ALIAS) return { via: 'informal-alias', note: findInformalAlias(index, char, words) };
  // The short name is the query's words (their texts stay on disk until /lang needs them).
  const tag = index.languages[source - PHRASE_CLDR].tag;
  return { via: `cldr:${tag}`, note: `${tag}: ${words.join(' ')}` };
}

function findAlias(index: CharIndex, char: number, words: readonly string[]): string | null {
  const aliases = index.aliases(char);
  return (aliases.find(({ alias }) => words.every((word) => nameWords(alias).includes(word))) ?? aliases[0])?.alias ?? null;
}

function findInformalAlias(index: CharIndex, char: number, words: readonly string[]): string | null {
  const aliases = index.informalAliases(char);
  return aliases.find((alias) => words.every((word) => textWords(alias).includes(word))) ?? aliases[0] ?? null;
}

function termWords(hit: TermHits): string[] {
  const { term } = hit;
  return term.kind === 'word' ? [term.word] : term.kind === 'phrase' ? term.words : [term.prefix];
}

/** The alias that supplied the words the name lacks: a formal one if it did, else an informal one. */
function explainAlias(index: CharIndex, char: number, hits: readonly TermHits[]): Explanation {
  const missing = hits.filter((hit) => !contains(hit.name, char));
  const fromFormal = missing.filter((hit) => contains(hit.alias, char)).flatMap(termWords);
  if (fromFormal.length > 0 || missing.every((hit) => !contains(hit.informal, char))) {
    return { via: 'alias', note: findAlias(index, char, fromFormal) };
  }
  return { via: 'informal-alias', note: findInformalAlias(index, char, missing.flatMap(termWords)) };
}

/**
 * The CLDR language(s) and keywords that matched: a language shared by every
 * keyword term is preferred — the session's `/lang`, then English, then the first.
 */
function explainKeyword(index: CharIndex, char: number, hits: readonly TermHits[], preferred: number): Explanation {
  const keywordHits = hits.filter((hit) => !contains(hit.name, char) && !contains(hit.alias, char) && !contains(hit.informal, char) && contains(hit.keywordChars, char));
  const languagesOf = keywordHits.map((hit) => tagsHaving(hit.keyword, char));
  const shared = languagesOf.reduce((common, languages) => common.filter((language) => languages.includes(language)));
  const choose = (languages: number[]) => (languages.includes(preferred) ? preferred : languages.includes(0) ? 0 : languages[0]);
  const parts = new Map<number, string[]>();
  keywordHits.forEach((hit, k) => {
    const language = shared.length > 0 ? choose(shared) : choose(languagesOf[k]);
    parts.set(language, [...(parts.get(language) ?? []), keywordOf(index, hit, char, language)]);
  });
  const tags = [...parts.keys()].map((language) => index.languages[language].tag);
  const note = [...parts].map(([language, words]) => `${index.languages[language].tag}: ${words.join(', ')}`).join('; ');
  return { via: `cldr:${tags[0]}`, note };
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
function explainUnihan(index: CharIndex, char: number, hits: readonly TermHits[], language: number): { tier: Tier; explanation: Explanation } {
  const beyondAliases = hits.filter((hit) => !contains(hit.name, char) && !contains(hit.alias, char) && !contains(hit.informal, char));
  const unihanHits = beyondAliases.filter((hit) => !contains(hit.keywordChars, char));
  const parts = new Map<number, string[]>();
  for (const hit of unihanHits) {
    const tag = tagsHaving(hit.unihan, char)[0] ?? 0;
    const field = tagField(tag);
    parts.set(field, [...(parts.get(field) ?? []), unihanSpelling(hit, char, tag)]);
  }
  const unihanNote = [...parts].map(([field, items]) => `${UNIHAN_SOURCES[field].label}: ${items.join(', ')}`).join('; ');
  const keywordNote = beyondAliases.length > unihanHits.length ? explainKeyword(index, char, hits, language).note : null;
  const fields = [...parts.keys()];
  return {
    tier: fields.every((field) => field === DEFINITION_FIELD) ? Tier.Definition : Tier.Reading,
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
