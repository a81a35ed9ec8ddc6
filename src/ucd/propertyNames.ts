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

export function readPropertyNames(ucdDir: string): PropertyNames {
  const parsed = JSON.parse(readFileSync(join(ucdDir, 'PropertyValueAliases.json'), 'utf8'));
  const entries = Object.values(parsed)[0] as ValueAlias[];
  const of = (property: string): ValueNames[] =>
    entries
      .filter((entry) => entry.property === property && entry.shortName && entry.longName)
      .map((entry) => [entry.shortName!, entry.longName!, ...(entry.alias ? [entry.alias] : [])]);
  return { categories: of('gc'), scripts: of('sc'), blocks: of('blk') };
}
