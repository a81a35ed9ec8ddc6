/** What the index artefact's JSON header carries besides the section table. */
export interface IndexHeader {
  format: 2;
  unicodeVersion: string;
  source: string;
  builtAt: string;
  /** Characters in the index: every named code point plus the controls, found by their aliases. */
  charCount: number;
  /** Code points with a Unicode name (controls have none). */
  namedCount: number;
  vocabularySize: number;
  blocks: { name: string; first: number; last: number }[];
  categories: string[];
  scripts: string[];
  ages: string[];
  /** Formal aliases from NameAliases.txt as [char index, alias, type]. */
  aliases: [number, string, string][];
}

export const NO_BLOCK = 0xffff;

/** Bits of the per-character flags table. */
export const FLAG_EMOJI = 1;
export const FLAG_EMOJI_PRESENTATION = 2;
