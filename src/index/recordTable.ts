/**
 * Sparse text records keyed by a u32 (a code point, or a code point and a
 * language packed as in taggedChars.ts): sorted keys, offsets, and the UTF-8
 * texts. Only the keys and offsets are held in memory; a record's text is
 * read from the artefact when it is asked for — the CLDR keywords of every
 * language are 15 MB that one `/info` needs 200 bytes of.
 *
 * A record is fields separated by U+001F (UNIT SEPARATOR), a field's items
 * by U+001E (RECORD SEPARATOR): neither occurs in the Unicode, Unihan or CLDR
 * texts (the build checks).
 */
import { lowerBound } from './postings.js';

export const FIELD_SEPARATOR = '\x1f';
export const ITEM_SEPARATOR = '\x1e';

export interface PackedRecords {
  keys: Uint32Array;
  offsets: Uint32Array;
  texts: Buffer;
}

/** Build time: records in any order; fields may be lists of items. Empty records are dropped. */
export function packRecords(rows: { key: number; fields: (string | readonly string[])[] }[]): PackedRecords {
  const sorted = rows
    .map(({ key, fields }) => ({ key, text: fields.map((field) => (typeof field === 'string' ? field : field.join(ITEM_SEPARATOR))).join(FIELD_SEPARATOR) }))
    .filter(({ text }) => text.replaceAll(FIELD_SEPARATOR, '') !== '')
    .sort((a, b) => a.key - b.key);
  for (let k = 1; k < sorted.length; k++) if (sorted[k].key === sorted[k - 1].key) throw new Error(`two records for key ${sorted[k].key}`);
  const parts = sorted.map(({ text }) => Buffer.from(text, 'utf8'));
  const offsets = new Uint32Array(parts.length + 1);
  parts.forEach((part, k) => (offsets[k + 1] = offsets[k] + part.length));
  return { keys: Uint32Array.from(sorted, ({ key }) => key), offsets, texts: Buffer.concat(parts) };
}

/** Checks that a text can go in a record unchanged. */
export function recordSafe(text: string): string {
  if (text.includes(FIELD_SEPARATOR) || text.includes(ITEM_SEPARATOR)) throw new Error(`separator in record text ${JSON.stringify(text)}`);
  return text;
}

export class RecordTable {
  constructor(
    private readonly keys: Uint32Array,
    private readonly offsets: Uint32Array,
    /** Bytes `start` … `start + length` of the texts. */
    private readonly readTexts: (start: number, length: number) => Buffer,
  ) {}

  /** The fields of key's record (each split into items), or null when it has none. */
  get(key: number): string[][] | null {
    const { keys, offsets } = this;
    const low = lowerBound(keys, key);
    if (low >= keys.length || keys[low] !== key) return null;
    const text = this.readTexts(offsets[low], offsets[low + 1] - offsets[low]).toString('utf8');
    return text.split(FIELD_SEPARATOR).map((field) => (field === '' ? [] : field.split(ITEM_SEPARATOR)));
  }
}
