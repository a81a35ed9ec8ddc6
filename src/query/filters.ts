/**
 * Filters, `key:value`, resolved against the names the index knows:
 * `block:arrows`, `gc:Sm` or `gc:math_symbol` (one-letter groups too: `gc:L`),
 * `script:greek` or `sc:grek`, `age:17.0` (added in that version), and bare
 * `emoji` (has the Emoji property), and `tone:dark` (one skin-tone variant of
 * each emoji: `light`, `medium-light`, `medium`, `medium-dark`, `dark`, or
 * `none` for no variants). Names match loosely, as UAX #44 says: case,
 * spaces, `_` and `-` do not matter.
 */
import { SKIN_TONES } from './settings.js';

/** What a filter may name, taken from the index header (see FilterNames.from). */
export interface FilterNames {
  /** Block names, by block id. */
  blocks: readonly string[];
  /** Every name of each block (`Alchemical` = `Alchemical_Symbols`). */
  blockAliases: readonly (readonly string[])[];
  /** Every name of each general category value, short name first (groups too: `L`, `LC`). */
  categories: readonly (readonly string[])[];
  /** Every name of each script, short name first; the long name is what the index stores. */
  scripts: readonly (readonly string[])[];
  /** Unicode versions that added characters (`1.1` … `17.0`). */
  ages: readonly string[];
}

export type Filter = (
  | { kind: 'block'; blockId: number; label: string }
  | { kind: 'category'; codes: string[]; label: string }
  | { kind: 'script'; script: string; label: string }
  | { kind: 'age'; age: string; label: string }
  | { kind: 'emoji'; label: string }
  | { kind: 'range'; first: number; last: number; label: string }
  /** 0 for none, 1 … 5 for light … dark (the modifiers U+1F3FB … U+1F3FF). */
  | { kind: 'tone'; tone: number; label: string }
) & { negated: boolean };


export type FilterKind = Filter['kind'];

/** `key:` spellings, and the filter each selects. */
export type FilterKey = 'block' | 'category' | 'script' | 'age' | 'tone';

export const FILTER_KEYS: Record<string, FilterKey> = {
  block: 'block',
  blk: 'block',
  gc: 'category',
  category: 'category',
  script: 'script',
  sc: 'script',
  age: 'age',
  tone: 'tone',
};

export const EMOJI_FILTER = 'emoji';

/** The number of a skin tone as SKIN_TONES names it, loosely (`medium dark` = `medium-dark`), or -1. */
export function skinToneNamed(text: string): number {
  const wanted = looseName(text);
  return SKIN_TONES.findIndex((name) => looseName(name) === wanted);
}

/** The `tone:` filter of one tone, as the query `tone:dark` or the setting `/tone dark` makes it. */
export function toneFilter(tone: number, negated = false): Filter {
  return { kind: 'tone', tone, label: `tone:${SKIN_TONES[tone]}`, negated };
}

/** UAX #44 LM3, roughly: ignore case, spaces, underscores and hyphens. */
export function looseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

export type Resolved = { filter: Filter } | { reason: string };

const MAX_LISTED = 6;

function listed(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown}, … (${values.length} in all)` : shown;
}

export function resolveFilter(key: FilterKey, value: string, negated: boolean, names: FilterNames): Resolved {
  const wanted = looseName(value);
  if (wanted === '') return { reason: `${key}: needs a value, e.g. ${example[key]}` };
  switch (key) {
    case 'block': {
      const { blockAliases, blockIds } = lookupsOf(names);
      const blockId = blockIds.get(blockAliases.get(wanted) ?? wanted) ?? -1;
      if (blockId >= 0) return { filter: { kind: 'block', blockId, label: `block:${names.blocks[blockId]}`, negated } };
      const near = names.blocks.filter((block) => looseName(block).includes(wanted));
      return { reason: near.length > 0 ? `no block '${value}'; blocks with '${value}' in their name: ${listed(near)}` : `no block '${value}'; give a block name such as ${example.block}` };
    }
    case 'category': {
      const entry = lookupsOf(names).categories.get(wanted);
      if (!entry) return { reason: `no general category '${value}'; try a short name (Lu, Sm, Nd, L, S…) or a long one (math_symbol)` };
      return { filter: { kind: 'category', codes: categoryCodes(entry[0], names), label: `gc:${entry[0]}`, negated } };
    }
    case 'script': {
      const entry = lookupsOf(names).scripts.get(wanted);
      if (!entry) return { reason: `no script '${value}'; give a script name such as ${example.script} or its code (grek)` };
      return { filter: { kind: 'script', script: entry[1] ?? entry[0], label: `script:${entry[1] ?? entry[0]}`, negated } };
    }
    case 'age': {
      const version = value.replace(/^v/i, '').replace('_', '.');
      const age = names.ages.find((known) => known === version || known === `${version}.0`);
      if (!age) return { reason: `no Unicode version '${value}' added characters; versions: ${names.ages.join(', ')}` };
      return { filter: { kind: 'age', age, label: `age:${age}`, negated } };
    }
    case 'tone': {
      const tone = skinToneNamed(value);
      if (tone < 0) return { reason: `no skin tone '${value}'; tones: ${SKIN_TONES.join(', ')}` };
      return { filter: toneFilter(tone, negated) };
    }
  }
}

/**
 * Each value's names, loosely spelt, to the value: a query's filter and the
 * relaxed reading's property words (propertyWords.ts) are looked up, not
 * compared with every name (the scripts' 500 names, each put through a
 * regular expression, were a fifth of a query that matches nothing).
 */
interface Lookups {
  /** A block's alias to its last name's loose spelling. */
  blockAliases: Map<string, string>;
  /** A block's loose name to its id, the first block of that name. */
  blockIds: Map<string, number>;
  categories: Map<string, readonly string[]>;
  scripts: Map<string, readonly string[]>;
}

const lookupsOfNames = new WeakMap<FilterNames, Lookups>();

function lookupsOf(names: FilterNames): Lookups {
  let lookups = lookupsOfNames.get(names);
  if (!lookups) {
    const blockAliases = new Map<string, string>();
    for (const all of names.blockAliases) for (const alias of all) blockAliases.set(looseName(alias), looseName(all[all.length - 1]));
    const blockIds = new Map<string, number>();
    names.blocks.forEach((block, id) => firstOnly(blockIds, looseName(block), id));
    const byAlias = (values: readonly (readonly string[])[]) => {
      const found = new Map<string, readonly string[]>();
      for (const all of values) for (const alias of all) firstOnly(found, looseName(alias), all);
      return found;
    };
    lookupsOfNames.set(names, (lookups = { blockAliases, blockIds, categories: byAlias(names.categories), scripts: byAlias(names.scripts) }));
  }
  return lookups;
}

function firstOnly<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

const example = { block: 'block:arrows', category: 'gc:Sm', script: 'script:greek', age: 'age:17.0', tone: 'tone:medium' };

/** A one-letter group (`L`) stands for its values (`Lu Ll Lt Lm Lo`); `LC` for the cased letters. */
function categoryCodes(short: string, names: FilterNames): string[] {
  if (short === 'LC') return ['Lu', 'Ll', 'Lt'];
  if (short.length === 1) return names.categories.map((all) => all[0]).filter((code) => /^[A-Z][a-z]$/.test(code) && code[0] === short);
  return [short];
}

interface HeaderNames {
  blocks: readonly { name: string }[];
  ages: readonly string[];
  propertyNames: { categories: string[][]; scripts: string[][]; blocks: string[][] };
}

const namesOfHeader = new WeakMap<HeaderNames, FilterNames>();

/** The filter names of an index header (worked out once per header). */
export function filterNamesOf(header: HeaderNames): FilterNames {
  let names = namesOfHeader.get(header);
  if (!names) namesOfHeader.set(header, (names = collectNames(header)));
  return names;
}

function collectNames(header: HeaderNames): FilterNames {
  const versionOrder = (a: string, b: string) => parseFloat(a) - parseFloat(b) || a.localeCompare(b);
  return {
    blocks: header.blocks.map((block) => block.name),
    blockAliases: header.propertyNames.blocks,
    categories: header.propertyNames.categories,
    scripts: header.propertyNames.scripts,
    ages: [...header.ages].sort(versionOrder),
  };
}
