/**
 * The properties only `/info` needs (bidi class, East Asian width, emoji
 * properties, decomposition, case mappings, numeric value, NamesList
 * cross-references and notes, Unihan readings, CLDR keywords), keyed by code
 * point so they do not depend on the order of the index's entries. Built by
 * src/ucd/properties.ts; nothing here is read until the first `/info`, and
 * the large texts are read a record at a time (see recordTable.ts).
 */
import { uint32View } from './artefact.js';
import { NO_VALUE, rangeValue, type PackedRanges } from './rangeTable.js';
import { RecordTable } from './recordTable.js';
import { packEntry } from './taggedChars.js';

/** Fields of a code point's UCD record, in record order. */
export const UCD_FIELDS = ['decomposition', 'uppercase', 'lowercase', 'titlecase', 'numericType', 'numericValue', 'crossReferences', 'comments'] as const;
/** The Unihan fields kept, in record order. */
export const UNIHAN_FIELDS = ['kDefinition', 'kMandarin', 'kCantonese', 'kJapanese', 'kJapaneseOn', 'kJapaneseKun', 'kKorean', 'kHangul'] as const;
/** The emoji properties of emoji-data.txt, one bit each in this order. */
export const EMOJI_PROPERTIES = ['Emoji', 'Emoji_Presentation', 'Emoji_Modifier', 'Emoji_Modifier_Base', 'Emoji_Component', 'Extended_Pictographic'] as const;

export type UnihanField = (typeof UNIHAN_FIELDS)[number];

/** What the artefact's header says of these tables. */
export interface PropertiesHeader {
  bidiClasses: string[];
  eastAsianWidths: string[];
  ucdFields: string[];
  unihanFields: string[];
  emojiProperties: string[];
}

/** Section names, shared with the build. */
export const PROPERTY_SECTIONS = {
  bidi: ['bidiStarts', 'bidiValues'],
  width: ['widthStarts', 'widthValues'],
  emoji: ['emojiStarts', 'emojiValues'],
  ucd: ['ucdKeys', 'ucdOffsets', 'ucdTexts'],
  unihan: ['unihanKeys', 'unihanOffsets', 'unihanTexts'],
  keywords: ['keywordKeys', 'keywordOffsets', 'keywordTexts'],
} as const;

export interface UcdRecord {
  /** `<compat> 0044 017E`, `0065 0301`, as UnicodeData writes it (Hangul syllables computed); '' when none. */
  decomposition: string;
  /** Full case mappings (SpecialCasing's unconditional ones, else UnicodeData's simple one) as hex code points; [] when none. */
  uppercase: string[];
  lowercase: string[];
  titlecase: string[];
  /** Decimal, Digit or Numeric; '' when none. */
  numericType: string;
  /** `5`, `1/2`, `10000`. */
  numericValue: string;
  /** NamesList `x` lines: related code points, hex. */
  crossReferences: string[];
  /** NamesList `*` lines. */
  comments: string[];
}

interface Sources {
  section(name: string): Buffer;
  sectionRange(name: string, start: number, length: number): Buffer;
}

export class CharProperties {
  private readonly ranges = new Map<string, PackedRanges>();
  private readonly records = new Map<string, RecordTable>();

  constructor(
    private readonly header: PropertiesHeader,
    private readonly file: Sources,
  ) {}

  /** Bidi_Class (`L`, `ON`, `AN`…) of a character the data lists, else null. */
  bidiClass(cp: number): string | null {
    return this.header.bidiClasses[this.rangeValue('bidi', cp)] ?? null;
  }

  /** East_Asian_Width (`N`, `Na`, `W`, `F`, `H`, `A`) of a listed code point, else null. */
  eastAsianWidth(cp: number): string | null {
    return this.header.eastAsianWidths[this.rangeValue('width', cp)] ?? null;
  }

  /** The emoji properties a code point has, in EMOJI_PROPERTIES order. */
  emojiProperties(cp: number): string[] {
    const bits = this.rangeValue('emoji', cp);
    if (bits === NO_VALUE) return [];
    return this.header.emojiProperties.filter((_, bit) => (bits & (1 << bit)) !== 0);
  }

  ucd(cp: number): UcdRecord | null {
    const fields = this.recordTable('ucd').get(cp);
    if (!fields) return null;
    const at = (name: (typeof UCD_FIELDS)[number]) => fields[this.header.ucdFields.indexOf(name)] ?? [];
    return {
      decomposition: at('decomposition')[0] ?? '',
      uppercase: at('uppercase'),
      lowercase: at('lowercase'),
      titlecase: at('titlecase'),
      numericType: at('numericType')[0] ?? '',
      numericValue: at('numericValue')[0] ?? '',
      crossReferences: at('crossReferences'),
      comments: at('comments'),
    };
  }

  /** A code point's Unihan readings and definition (only the fields it has). */
  unihan(cp: number): Partial<Record<UnihanField, string>> {
    const fields = this.recordTable('unihan').get(cp);
    const found: Partial<Record<UnihanField, string>> = {};
    if (!fields) return found;
    this.header.unihanFields.forEach((name, k) => {
      if (fields[k]?.length) found[name as UnihanField] = fields[k][0];
    });
    return found;
  }

  /** A code point's CLDR keywords in one language (its own, not inherited), in CLDR's order. */
  keywords(cp: number, language: number): string[] {
    return this.recordTable('keywords').get(packEntry(cp, language))?.[0] ?? [];
  }

  private rangeValue(table: 'bidi' | 'width' | 'emoji', cp: number): number {
    let ranges = this.ranges.get(table);
    if (!ranges) {
      const [starts, values] = PROPERTY_SECTIONS[table];
      ranges = { starts: uint32View(this.file.section(starts)), values: this.file.section(values) };
      this.ranges.set(table, ranges);
    }
    return rangeValue(ranges, cp);
  }

  private recordTable(table: 'ucd' | 'unihan' | 'keywords'): RecordTable {
    let records = this.records.get(table);
    if (!records) {
      const [keys, offsets, texts] = PROPERTY_SECTIONS[table];
      records = new RecordTable(uint32View(this.file.section(keys)), uint32View(this.file.section(offsets)), (start, length) =>
        this.file.sectionRange(texts, start, length),
      );
      this.records.set(table, records);
    }
    return records;
  }
}
