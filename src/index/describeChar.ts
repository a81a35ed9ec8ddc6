/**
 * Everything the index knows of one code point, or of a sequence, gathered
 * into the CharInfo / SequenceInfo values of charInfo.ts. Knows the index and
 * nothing of wire formats: protocol/info.ts writes these as lines or JSON.
 */
import type { CharIndex } from './charIndex.js';
import type { CharInfo, CldrNames, CodePointBrief, DataSources, EntryInfo, SequenceInfo } from './charInfo.js';
import { encodingsOf, escapesOf } from './encodings.js';
import { formatCodePoint } from './display.js';

/** The language every `/info` shows CLDR names in, besides the session's `/lang`. */
const ENGLISH = 'en';

const fromHex = (hex: string): number => parseInt(hex, 16);

export function briefOf(index: CharIndex, cp: number): CodePointBrief {
  const { name, category } = index.details(cp);
  return { cp: formatCodePoint(cp), char: String.fromCodePoint(cp), name, category };
}

/** One code point, or several taken as one sequence; `lang` is a CLDR tag (the session's `/lang`) or null. */
export function describeEntry(index: CharIndex, codePoints: readonly number[], lang: string | null): EntryInfo {
  return codePoints.length === 1 ? describeCodePoint(index, codePoints[0], lang) : describeSequence(index, codePoints, lang);
}

function dataSources(index: CharIndex): DataSources {
  const { unicodeVersion, emojiVersion, cldrVersion } = index.header;
  return { unicode: unicodeVersion, emoji: emojiVersion, cldr: cldrVersion };
}

export function describeSequence(index: CharIndex, codePoints: readonly number[], lang: string | null): SequenceInfo {
  const entry = index.sequenceOf(codePoints);
  return {
    kind: 'sequence',
    cp: codePoints.map(formatCodePoint).join(' '),
    char: String.fromCodePoint(...codePoints),
    name: entry >= 0 ? index.name(entry) : null,
    sequenceKind: entry >= 0 ? index.sequenceKind(entry) : null,
    aliases: entry >= 0 ? index.aliases(entry) : [],
    age: entry >= 0 ? index.age(entry) : null,
    cldr: entry >= 0 ? cldrNames(index, entry, null, lang) : [],
    codePoints: codePoints.map((cp) => briefOf(index, cp)),
    encodings: encodingsOf(codePoints),
    escapes: escapesOf(codePoints),
    data: dataSources(index),
  };
}

export function describeCodePoint(index: CharIndex, cp: number, lang: string | null): CharInfo {
  const i = index.indexOf(cp);
  const details = index.details(cp);
  const properties = index.properties;
  const ucd = properties.ucd(cp);
  const mapping = (hexes: string[] | undefined) => (hexes ?? []).map((hex) => formatCodePoint(fromHex(hex)));
  const decomposition = ucd?.decomposition ? parseDecomposition(ucd.decomposition) : null;
  return {
    kind: 'char',
    cp: formatCodePoint(cp),
    char: String.fromCodePoint(cp),
    emojiForm: index.emojiForm(i),
    name: details.name,
    block: details.block,
    category: details.category,
    categoryName: categoryName(index, details.category),
    age: details.age,
    script: details.script,
    aliases: i >= 0 ? index.aliases(i) : [],
    informalAliases: i >= 0 ? index.informalAliases(i) : [],
    bidiClass: properties.bidiClass(cp),
    eastAsianWidth: properties.eastAsianWidth(cp),
    decomposition,
    uppercase: mapping(ucd?.uppercase),
    lowercase: mapping(ucd?.lowercase),
    titlecase: mapping(ucd?.titlecase),
    numeric: ucd?.numericType ? { type: ucd.numericType, value: ucd.numericValue } : null,
    emoji: properties.emojiProperties(cp),
    seeAlso: (ucd?.crossReferences ?? []).map((hex) => briefOf(index, fromHex(hex))),
    notes: ucd?.comments ?? [],
    cldr: i >= 0 ? cldrNames(index, i, cp, lang) : [],
    unihan: properties.unihan(cp),
    encodings: encodingsOf([cp]),
    escapes: escapesOf([cp]),
    data: dataSources(index),
  };
}

/** `<compat> 0044 017E` → compat, U+0044 U+017E; no tag means canonical. */
function parseDecomposition(text: string): CharInfo['decomposition'] {
  const tag = /^<([a-zA-Z]+)>\s*/.exec(text);
  const rest = tag ? text.slice(tag[0].length) : text;
  return { type: tag ? tag[1] : 'canonical', codePoints: rest.split(' ').map((hex) => formatCodePoint(fromHex(hex))) };
}

function categoryName(index: CharIndex, category: string): string {
  return index.header.propertyNames.categories.find((names) => names[0] === category)?.[1] ?? category;
}

/**
 * English, then `lang` when another: the short name and keywords, each
 * inherited from the language's parents when it has none of its own. A
 * sequence (cp null) has its short names only: the keyword records are per code point.
 */
function cldrNames(index: CharIndex, i: number, cp: number | null, lang: string | null): CldrNames[] {
  const tags = lang === null || lang === ENGLISH ? [ENGLISH] : [ENGLISH, lang];
  const found: CldrNames[] = [];
  for (const tag of tags) {
    const language = index.languageId(tag);
    if (language < 0) continue;
    const name = index.shortName(i, language);
    const keywords = cp === null ? [] : inheritedKeywords(index, cp, language);
    if (name !== null || keywords.length > 0) found.push({ language: index.languages[language].tag, name, keywords });
  }
  return found;
}

function inheritedKeywords(index: CharIndex, cp: number, language: number): string[] {
  for (let id = language; id >= 0; ) {
    const keywords = index.properties.keywords(cp, id);
    if (keywords.length > 0) return keywords;
    const parent = index.languages[id].parent;
    id = parent === null ? -1 : index.languageId(parent);
  }
  return [];
}
