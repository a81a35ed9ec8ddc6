/**
 * Build time: the names a user may give a general category, a script or a
 * block (PropertyValueAliases.txt): `Sm` = `Math_Symbol`, `Grek` = `Greek`,
 * `Alchemical` = `Alchemical_Symbols`; for a script also the other names
 * ISO 15924 gives it (ScriptInfo.txt: `Han (Hanzi, Kanji, Hanja)`, `Bengali
 * (Bangla)`, `Myanmar (Burmese)`). The query parser matches them loosely.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ValueAlias {
  property: string;
  shortName?: string;
  longName?: string;
  alias?: string;
}

/** Every name of one property value, the short one first. */
export type ValueNames = string[];

export interface PropertyNames {
  categories: ValueNames[];
  scripts: ValueNames[];
  blocks: ValueNames[];
}

/** Every name of each value of one property (`gc`, `sc`, `blk`, `bc`…), the short one first. */
export function readValueNames(ucdDir: string, property: string): ValueNames[] {
  const parsed = JSON.parse(readFileSync(join(ucdDir, 'PropertyValueAliases.json'), 'utf8'));
  const entries = Object.values(parsed)[0] as ValueAlias[];
  return entries
    .filter((entry) => entry.property === property && entry.shortName && entry.longName)
    .map((entry) => [entry.shortName!, entry.longName!, ...(entry.alias ? [entry.alias] : [])]);
}

export function readPropertyNames(ucdDir: string): PropertyNames {
  return { categories: readValueNames(ucdDir, 'gc'), scripts: withIsoNames(readValueNames(ucdDir, 'sc'), readIsoScriptNames(ucdDir)), blocks: readValueNames(ucdDir, 'blk') };
}

interface IsoScript {
  code: string;
  englishName: string;
  /** The script's Property_Value_Alias in the UCD, when Unicode encodes it. */
  pva?: string;
}

/**
 * ISO 15924's English names of each encoded script, by its UCD long name:
 * the name and the alternatives in its brackets (`Han (Hanzi, Kanji, Hanja)`
 * → Han, Hanzi, Kanji, Hanja; `Newa, Newar, Newari` → each); `etc.` and the
 * names of variants aside.
 */
export function readIsoScriptNames(ucdDir: string): Map<string, string[]> {
  const parsed = JSON.parse(readFileSync(join(ucdDir, 'ScriptInfo.json'), 'utf8'));
  const byScript = new Map<string, string[]>();
  for (const { englishName, pva } of Object.values(parsed)[0] as IsoScript[]) {
    if (!pva || englishName.startsWith('Code for')) continue;
    const [, main, bracketed] = /^([^(]*?)\s*(?:\((.*)\))?$/.exec(englishName) ?? [];
    const names = [main ?? '', bracketed ?? ''].flatMap((text) => text.split(/,\s*|\s+and\s+/)).filter((name) => name !== '' && !/\betc\b|variant|alias/.test(name));
    byScript.set(pva, [...new Set([...(byScript.get(pva) ?? []), ...names])]);
  }
  return byScript;
}

function withIsoNames(scripts: ValueNames[], iso: ReadonlyMap<string, readonly string[]>): ValueNames[] {
  const loose = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
  return scripts.map((names) => {
    const known = new Set(names.map(loose));
    return [...names, ...(iso.get(names[1]) ?? []).filter((name) => !known.has(loose(name)) && (known.add(loose(name)), true))];
  });
}
