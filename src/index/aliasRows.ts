/**
 * An entry's aliases (formal, and the build's own kinds: region, sequence,
 * shortcode, html) and its informal aliases, as three sections each: the
 * entries in ascending order, one per alias, where each alias's text starts
 * and ends, and the texts; a formal alias also has its type's id (a position
 * in the header's aliasTypes).
 *
 * They were rows of the header's JSON until INDEX_FORMAT 12: 287 KB of the
 * header's 338, whose parse took 10–19 ms of each server's start, where the
 * rest of the header takes under 1 ms. Now nothing is parsed at load; the
 * first query that asks reads the few hundred KB (well under a millisecond),
 * and an entry's aliases are found by a binary search.
 */
import { uint32View } from './artefact.js';
import { lowerBound } from './postings.js';

export interface AliasSections {
  entries: Uint32Array;
  textEnds: Uint32Array;
  texts: Buffer;
  /** Per alias, its type's id; only for formal aliases. */
  types?: Uint8Array;
}

/** The sections of rows [entry, text, type?] (in ascending entry order), under names beginning with `prefix`. */
export function aliasSections(prefix: string, rows: readonly (readonly [entry: number, text: string, type?: string])[], types?: readonly string[]): Record<string, ArrayBufferView> {
  const sorted = [...rows].sort((a, b) => a[0] - b[0]); // stable: an entry's aliases keep their order
  const texts = sorted.map(([, text]) => Buffer.from(text, 'utf8'));
  const textEnds = new Uint32Array(sorted.length);
  let end = 0;
  texts.forEach((text, k) => (textEnds[k] = end += text.length));
  const sections: Record<string, ArrayBufferView> = {
    [`${prefix}Entries`]: Uint32Array.from(sorted, ([entry]) => entry),
    [`${prefix}TextEnds`]: textEnds,
    [`${prefix}Texts`]: Buffer.concat(texts, end),
  };
  if (types) {
    sections[`${prefix}Types`] = Uint8Array.from(sorted, ([, , type]) => {
      const id = types.indexOf(type!);
      if (id < 0) throw new Error(`alias type '${type}' is not in the header's aliasTypes`);
      return id;
    });
  }
  return sections;
}

export function readAliasSections(prefix: string, section: (name: string) => Buffer, withTypes: boolean): AliasSections {
  return {
    entries: uint32View(section(`${prefix}Entries`)),
    textEnds: uint32View(section(`${prefix}TextEnds`)),
    texts: section(`${prefix}Texts`),
    types: withTypes ? section(`${prefix}Types`) : undefined,
  };
}

/** Positions `[first, end)` of entry's aliases. */
export function aliasRange({ entries }: AliasSections, entry: number): [first: number, end: number] {
  const low = lowerBound(entries, entry);
  let end = low;
  while (end < entries.length && entries[end] === entry) end++;
  return [low, end];
}

export function aliasText({ textEnds, texts }: AliasSections, k: number): string {
  return texts.toString('utf8', k === 0 ? 0 : textEnds[k - 1], textEnds[k]);
}
