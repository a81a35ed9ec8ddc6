/**
 * Build time: the properties `/info` shows that the search does not need —
 * bidi class and emoji properties (Unicode 18.0, @unicode/unicode-18.0.0),
 * East Asian width (18.0, get-east-asian-width), as runs over the code
 * points; and sparse per-code-point records: decomposition, case mappings,
 * numeric value, NamesList cross-references and notes (UCD 16.0: no package
 * carries them at 18.0), definition and readings (Unihan), keywords per
 * language (CLDR). Keyed by code point, not
 * by the index's entry order. What the tables are: src/index/charProperties.ts.
 *
 * Sizes (UCD 16, CLDR 48): keywords 215,488 records, 15 MB of text, read one
 * record per `/info`; Unihan 67,411 records (with kJapanese; also read to
 * explain a search's Unihan matches); UCD 45,000; the three range
 * tables about 30 KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMOJI_PROPERTIES, PROPERTY_SECTIONS, UCD_FIELDS, UNIHAN_FIELDS, type PropertiesHeader } from '../index/charProperties.js';
import { NO_VALUE, packRanges, type PackedRanges } from '../index/rangeTable.js';
import { packRecords, recordSafe, type PackedRecords } from '../index/recordTable.js';
import { packEntry } from '../index/taggedChars.js';
import { eastAsianWidthType } from 'get-east-asian-width';
import type { Annotation } from './cldr.js';
import { readValueNames } from './propertyNames.js';
import type { Unicode18, ValueRanges } from './unicode18.js';
import type { UnihanEntry } from './unihan.js';

interface RangeEntry {
  range: [string] | [string, string];
}

interface UnicodeDataEntry {
  codepoint: string;
  characterDecompositionMapping?: string;
  upper?: string;
  lower?: string;
  title?: string;
}

interface SpecialCasingEntry {
  codepoint: string;
  lowerSequence: string[];
  titleSequence: string[];
  upperSequence: string[];
  conditions?: string;
}

interface NamesListEntry {
  codepoint: string;
  comments?: string[];
  crossReferences?: string[];
}

export interface PropertySections {
  header: PropertiesHeader;
  sections: Record<string, ArrayBufferView>;
}

function readUcd<T>(dir: string, file: string): T[] {
  return Object.values(JSON.parse(readFileSync(join(dir, file), 'utf8')))[0] as T[];
}

function rangeOf(entry: RangeEntry): [number, number] {
  const first = parseInt(entry.range[0], 16);
  return [first, entry.range.length > 1 ? parseInt(entry.range[1]!, 16) : first];
}

/** Per code point, the emoji properties it has as bits (EMOJI_PROPERTIES order). */
function emojiRanges(properties: readonly ValueRanges[]): PackedRanges {
  const bits = new Uint8Array(0x110000);
  for (const { value, ranges } of properties) {
    const bit = EMOJI_PROPERTIES.indexOf(value as (typeof EMOJI_PROPERTIES)[number]);
    if (bit < 0) throw new Error(`unknown emoji property ${value}`);
    for (const [first, last] of ranges) for (let cp = first; cp <= last; cp++) bits[cp] |= 1 << bit;
  }
  return packRanges((cp) => bits[cp] || NO_VALUE);
}

/** Bidi classes at Unicode 18.0, by their short names (`ON`). */
function bidiRanges(classes: readonly ValueRanges[], shortNames: ReadonlyMap<string, string>): { names: string[]; ranges: PackedRanges } {
  const ids = new Uint8Array(0x110000).fill(NO_VALUE);
  const names = classes.map(({ value }) => {
    const short = shortNames.get(value);
    if (short === undefined) throw new Error(`bidi class ${value} has no short name in PropertyValueAliases`);
    return short;
  });
  classes.forEach(({ ranges }, id) => {
    for (const [first, last] of ranges) ids.fill(id, first, last + 1);
  });
  return { names, ranges: packRanges((cp) => ids[cp]) };
}

/** East Asian Width at the Unicode of get-east-asian-width (18.0 in 1.7), by the short names of UAX #11. */
const WIDTH_CODES = { fullwidth: 'F', halfwidth: 'H', wide: 'W', narrow: 'Na', ambiguous: 'A', neutral: 'N' } as const;

function widthRanges(): { names: string[]; ranges: PackedRanges } {
  const names = Object.values(WIDTH_CODES) as string[];
  return { names, ranges: packRanges((cp) => names.indexOf(WIDTH_CODES[eastAsianWidthType(cp)])) };
}

/** Hangul syllables decompose by arithmetic (Unicode §3.12), not by a line of UnicodeData: L V, or L V T. */
function hangulDecomposition(cp: number): string {
  const index = cp - 0xac00;
  const hex = (value: number) => value.toString(16).toUpperCase();
  const parts = [0x1100 + Math.floor(index / 588), 0x1161 + Math.floor((index % 588) / 28)];
  if (index % 28 > 0) parts.push(0x11a7 + (index % 28));
  return parts.map(hex).join(' ');
}

/** A NamesList `x` line: `(name - 017F)` or a bare `017F`; null for anything else. */
export function crossReferenceCodePoint(line: string): string | null {
  const found = /^\((?:.* - )?([0-9A-F]{4,6})\)$/.exec(line) ?? /^([0-9A-F]{4,6})$/.exec(line);
  return found ? found[1] : null;
}

/** What UnicodeData, SpecialCasing, the numeric files and NamesList say of each code point that has something to say. */
export type UcdRecord = Record<(typeof UCD_FIELDS)[number], string | string[]>;

export function readUcdRecords(dir: string): Map<number, UcdRecord> {
  const fields = new Map<number, UcdRecord>();
  const of = (cp: number) => {
    let record = fields.get(cp);
    if (!record) {
      record = { decomposition: '', uppercase: [], lowercase: [], titlecase: [], numericType: '', numericValue: '', crossReferences: [], comments: [] };
      fields.set(cp, record);
    }
    return record;
  };
  for (const entry of readUcd<UnicodeDataEntry>(dir, 'UnicodeData.json')) {
    const cp = parseInt(entry.codepoint, 16);
    const record = entry.characterDecompositionMapping || entry.upper || entry.lower || entry.title ? of(cp) : null;
    if (!record) continue;
    if (entry.characterDecompositionMapping) record.decomposition = entry.characterDecompositionMapping;
    if (entry.upper) record.uppercase = [entry.upper];
    if (entry.lower) record.lowercase = [entry.lower];
    if (entry.title) record.titlecase = [entry.title];
  }
  for (let cp = 0xac00; cp <= 0xd7a3; cp++) of(cp).decomposition = hangulDecomposition(cp);
  for (const entry of readUcd<SpecialCasingEntry>(dir, 'SpecialCasing.json')) {
    if (entry.conditions) continue;
    const cp = parseInt(entry.codepoint, 16);
    const self = [entry.codepoint];
    const record = of(cp);
    const full = (sequence: string[]) => (sequence.join(' ') === self.join(' ') ? [] : sequence);
    record.uppercase = full(entry.upperSequence);
    record.lowercase = full(entry.lowerSequence);
    record.titlecase = full(entry.titleSequence);
  }
  for (const entry of readUcd<RangeEntry & { type: string }>(dir, 'extracted/DerivedNumericType.json')) {
    const [first, last] = rangeOf(entry);
    for (let cp = first; cp <= last; cp++) of(cp).numericType = entry.type;
  }
  for (const entry of readUcd<RangeEntry & { whole: string }>(dir, 'extracted/DerivedNumericValues.json')) {
    const [first, last] = rangeOf(entry);
    for (let cp = first; cp <= last; cp++) of(cp).numericValue = entry.whole;
  }
  for (const entry of readUcd<NamesListEntry>(dir, 'NamesList.json')) {
    if (!/^[0-9A-F]{4,6}$/.test(entry.codepoint)) continue;
    const references = (entry.crossReferences ?? []).map(crossReferenceCodePoint).filter((cp): cp is string => cp !== null);
    if (references.length === 0 && !entry.comments) continue;
    const record = of(parseInt(entry.codepoint, 16));
    record.crossReferences = references;
    record.comments = (entry.comments ?? []).map(recordSafe);
  }
  return fields;
}

function ucdRecords(fields: ReadonlyMap<number, UcdRecord>): PackedRecords {
  return packRecords([...fields].map(([cp, record]) => ({ key: cp, fields: UCD_FIELDS.map((name) => record[name]) })));
}

function unihanRecords(unihan: readonly UnihanEntry[]): PackedRecords {
  return packRecords(unihan.map(({ codePoint, fields }) => ({ key: codePoint, fields: UNIHAN_FIELDS.map((name) => recordSafe(fields[name] ?? '')) })));
}

function keywordRecords(annotations: readonly Annotation[]): PackedRecords {
  return packRecords(annotations.map(({ codePoint, language, keywords }) => ({ key: packEntry(codePoint, language), fields: [keywords.map(recordSafe)] })));
}

export function buildPropertySections(
  ucdDir: string,
  ucd: ReadonlyMap<number, UcdRecord>,
  unicode: Pick<Unicode18, 'bidiClasses' | 'emojiProperties'>,
  annotations: readonly Annotation[],
  unihan: readonly UnihanEntry[],
): PropertySections {
  const bidi = bidiRanges(unicode.bidiClasses, new Map(readValueNames(ucdDir, 'bc').map(([short, long]) => [long, short])));
  const width = widthRanges();
  const emoji = emojiRanges(unicode.emojiProperties);
  const tables: Record<keyof typeof PROPERTY_SECTIONS, PackedRanges | PackedRecords> = {
    bidi: bidi.ranges,
    width: width.ranges,
    emoji,
    ucd: ucdRecords(ucd),
    unihan: unihanRecords(unihan),
    keywords: keywordRecords(annotations),
  };
  const sections: Record<string, ArrayBufferView> = {};
  for (const [table, names] of Object.entries(PROPERTY_SECTIONS)) {
    const packed = tables[table as keyof typeof PROPERTY_SECTIONS];
    const parts = 'starts' in packed ? [packed.starts, packed.values] : [packed.keys, packed.offsets, packed.texts];
    names.forEach((name, k) => (sections[name] = parts[k]));
  }
  return {
    header: { bidiClasses: bidi.names, eastAsianWidths: width.names, ucdFields: [...UCD_FIELDS], unihanFields: [...UNIHAN_FIELDS], emojiProperties: [...EMOJI_PROPERTIES] },
    sections,
  };
}
