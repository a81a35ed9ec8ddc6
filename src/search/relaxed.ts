/**
 * When the words as typed match nothing, they are read more loosely, one
 * step at a time, and the first reading that finds something answers:
 *
 *   1. verb forms   each word also stands for its -ing and -ed forms
 *                   (expansions.ts): `pout cat` is 😾 POUTING CAT FACE
 *   2. a prefix     the last word is half typed (the page searches as you
 *                   type): `snowfl` as `snowfl*`, `thumbs u` as `thumbs u*`
 *   3. a property   a word that names a script or a general category,
 *                   beside other words, is its filter (propertyWords.ts):
 *                   `kanji water` as `water script:Han`, `chinese horse` as
 *                   `horse script:Han`, `uppercase n tilde` as `n tilde gc:Lu`;
 *                   then with the last word as a prefix
 *
 * The property reading is also tried when the words match only ideographs
 * whose Unihan definitions have them all, and it finds something: `chinese
 * dragon` is `dragon script:Han` (龍 龙), not the one ideograph defined with
 * both words.
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
import type { Query, Term } from '../query/parse.js';
import type { SearchSettings } from '../query/settings.js';
import type { SearchResult } from './result.js';
import { withPropertyWord } from './propertyWords.js';
import { DEFINITION_FIELD, UNIHAN_SOURCES } from '../index/unihanWords.js';
import type { TermHits } from './hits.js';
import { matchesOnlyInOtherLanguages } from './languages.js';
import { requiredTerms } from './smallWords.js';
import { hasVerbFormInIndex } from './expansions.js';
import { intersect, seek } from '../index/postings.js';
import { entryChar, entryTag, packEntry } from '../index/taggedChars.js';

const UNIHAN_DEFINITION = `unihan:${UNIHAN_SOURCES[DEFINITION_FIELD].label}`;

type SearchQuery = Extract<Query, { kind: 'search' }>;

/**
 * Each word term with its verb forms, or null when no word could have any;
 * with `gains`, only the words it passes (the others' hits are the same
 * either way, and remembered under the word alone: wordCache.ts).
 */
export function withVerbForms(query: SearchQuery, gains: (word: string) => boolean = () => true): SearchQuery | null {
  if (!query.terms.some((term) => term.kind === 'word' && term.word.length >= 3)) return null;
  const gaining = query.terms.map((term) => term.kind === 'word' && gains(term.word));
  if (!gaining.includes(true)) return null;
  const terms = query.terms.map((term, k): Term => (gaining[k] && term.kind === 'word' ? { ...term, verbForms: true } : term));
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

/**
 * The answer of a looser reading of `query`, whose answer as typed is `typed`,
 * or null to keep that one. `search` runs a reading (null when over budget).
 */
export function relaxedSearch(
  index: CharIndex,
  query: SearchQuery,
  typed: SearchResult,
  settings: SearchSettings,
  search: (query: SearchQuery) => SearchResult | null,
  typedHits: (term: Term) => TermHits | undefined = () => undefined,
): SearchResult | null {
  if (settings.match === 'names') return null;
  const foreignOnly = typed.total > 0 && query.terms.length > 1 && onlyForeignKeywords(index, typed, settings.lang);
  if (typed.total > 0 && !foreignOnly) return query.terms.length > 1 && onlyUnihanDefinitions(typed) ? propertyReading(query) : null;
  const verbs = typed.total === 0 ? withVerbForms(query, (word) => hasVerbFormInIndex(index, word)) : null;
  const byVerbs = verbs && search(verbs);
  if (byVerbs && byVerbs.total > 0) return byVerbs;
  const prefixed = withLastWordAsPrefix(verbs ?? query);
  if (typed.total > 0 && prefixed && staysForeign(index, prefixed, typedHits, settings)) return null;
  const byPrefix = prefixed && search(prefixed);
  if (byPrefix && byPrefix.total > 0 && (typed.total === 0 || !onlyForeignKeywords(index, byPrefix, settings.lang))) return { ...byPrefix, readAs: prefixed.text };
  if (typed.total > 0) return null;
  for (const reading of [query, prefixed]) {
    const byProperty = reading && propertyReading(reading);
    if (byProperty) return byProperty;
  }
  return null;

  function propertyReading(reading: SearchQuery): SearchResult | null {
    const filtered = withPropertyWord(index, reading);
    const byProperty = filtered && search(filtered);
    return byProperty && byProperty.total > 0 ? { ...byProperty, readAs: filtered.text } : null;
  }
}

/**
 * Whether the prefix reading of words matching only through other
 * languages' keywords (`кот морд`) must match only through them too, so
 * that it cannot answer better (and is not run): when its first word
 * matches by such keywords alone and no word has a Unihan entry, every
 * match it finds is explained by that word's language (ranking.ts
 * explainKeyword names the first keyword term's). Run, these readings were a
 * tenth of the diverse bench's engine time, and none of its 3,325 was taken.
 * The same holds where the first word matches otherwise elsewhere, but not
 * at the chars the words kept as typed meet at (foreignWhereTheyMeet).
 */
function staysForeign(index: CharIndex, prefixed: SearchQuery, typedHits: (term: Term) => TermHits | undefined, settings: SearchSettings): boolean {
  const required = requiredTerms(prefixed.terms, settings.match);
  const first = required[0];
  const firstHits = first?.kind === 'word' ? typedHits(first) : undefined;
  const languages = [...(settings.lang === null ? [] : [settings.lang]), ...(settings.languages === 'all' ? [] : settings.languages)];
  if (!firstHits) return false;
  // The words' own hits first: a prefix's Unihan keys are looked up only when no word has an entry.
  const noUnihan = () => required.every((term) => term.kind === 'prefix' || typedHits(term)?.unihan.length === 0) && required.every((term) => term.kind !== 'prefix' || index.postingsWithPrefix('unihan', term.prefix).entries.length === 0);
  // Where the words meet is asked first: of the diverse bench's 3,325 readings not run, 3,204 are so, and the
  // Unihan keys of the prefix (a reading key made, a vocabulary searched) are then never looked up.
  return foreignWhereTheyMeet(index, required, firstHits, typedHits, settings.lang) || (matchesOnlyInOtherLanguages(index, firstHits, languages) && noUnihan());
}

/**
 * Whether every char where the words before the prefix meet as typed (a
 * reading's matches are among them) is one that its first word matches by
 * keywords of other languages than English and `lang` alone, and no
 * ideograph: no word can match it through Unihan then (Unihan describes
 * ideographs only: the index's 334,022 Unihan entries are all of Script=Han
 * characters), so it is a keyword match explained by the first word's
 * language, as in staysForeign. Of the diverse bench's 429 prefix readings
 * of words matching only through other languages that staysForeign let run
 * (none of them taken), 308 are so. Meetings of more chars than
 * MEETING_CHARS_ASKED are not asked about (the reading is run).
 */
function foreignWhereTheyMeet(index: CharIndex, required: readonly Term[], firstHits: TermHits, typedHits: (term: Term) => TermHits | undefined, lang: string | null): boolean {
  if (required.length < 2 || required[required.length - 1].kind !== 'prefix') return false;
  const kept: Uint32Array[] = [];
  for (let k = 0; k < required.length - 1; k++) {
    const hits = typedHits(required[k]);
    if (!hits) return false;
    kept.push(hits.all);
  }
  const meeting = intersect(kept);
  if (meeting.length > MEETING_CHARS_ASKED) return false;
  const han = index.header.scripts.indexOf('Han');
  if (han < 0) return false;
  const own = ownTag(index, lang);
  const { name, alias, informal, keyword } = firstHits;
  // The meeting is ascending: each list is read on from where the char before left it (galloping), not searched
  // afresh; the binary searches of the first word's keyword entries were half of this function's time.
  let atName = 0;
  let atAlias = 0;
  let atInformal = 0;
  let atKeyword = 0;
  for (const char of meeting) {
    if (index.scriptId(char) === han) return false;
    atName = seek(name, char, atName);
    atAlias = seek(alias, char, atAlias);
    atInformal = seek(informal, char, atInformal);
    if (name[atName] === char || alias[atAlias] === char || informal[atInformal] === char) return false;
    atKeyword = seek(keyword, packEntry(char, 0), atKeyword);
    for (let at = atKeyword; at < keyword.length && entryChar(keyword[at]) === char; at++) {
      if (isOwnTag(index.languages[entryTag(keyword[at])].tag, own)) return false;
    }
  }
  return true;
}

/** A meeting of more chars costs more to ask about than most readings (a few searches in a list each). */
const MEETING_CHARS_ASKED = 1024;

/** Whether every match of a result is an ideograph whose Unihan definition has the words (`chinese dragon`: 㡣, defined with both). */
function onlyUnihanDefinitions(result: SearchResult): boolean {
  return result.segments.every(({ chars, via, explained }) => {
    if (explained.length === 0) return via === UNIHAN_DEFINITION;
    for (const char of chars) if ((result.explanations.get(char)?.via ?? via) !== UNIHAN_DEFINITION) return false;
    return true;
  });
}

/** Whether a result has nothing better than keywords in languages other than English and `lang` (a tag or null). */
export function onlyForeignKeywords(index: CharIndex, result: SearchResult, lang: string | null): boolean {
  if (result.total === 0) return true;
  // One pass, answering at the first char explained otherwise: most results have a match by name, which has no
  // explanation, and most keyword matches are English (a copy of every segment and a set of tags were 1% of the
  // diverse bench's engine time; a pass for the sources, then one for the tags, 0.9%).
  const own = ownTag(index, lang);
  for (const { chars } of result.segments) {
    for (const char of chars) {
      const via = result.explanations.get(char)?.via;
      if (via === undefined || !via.startsWith(CLDR) || isOwnTag(via.slice(CLDR.length), own)) return false;
    }
  }
  return true;
}

const CLDR = 'cldr:';

/** The index's tag of the session's `/lang`, or null. */
function ownTag(index: CharIndex, lang: string | null): string | null {
  const id = lang === null ? -1 : index.languageId(lang);
  return id < 0 ? null : index.languages[id].tag;
}

/** Whether a keyword language tag is English or the session's `/lang` (`own`), or a variant of either (`en-GB`). */
function isOwnTag(tag: string, own: string | null): boolean {
  const dash = tag.indexOf('-');
  const base = dash < 0 ? tag : tag.slice(0, dash);
  return base === 'en' || tag === own || base === own;
}
