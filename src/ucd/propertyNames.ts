/**
 * Build time: the names a user may give a general category, a script or a
 * block (PropertyValueAliases.txt): `Sm` = `Math_Symbol`, `Grek` = `Greek`,
 * `Alchemical` = `Alchemical_Symbols`. The query parser matches them loosely.
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
  return { categories: readValueNames(ucdDir, 'gc'), scripts: readValueNames(ucdDir, 'sc'), blocks: readValueNames(ucdDir, 'blk') };
}
