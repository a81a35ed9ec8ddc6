/**
 * Narrowing a search by filters. Filters of one kind are alternatives
 * (`block:arrows block:supplemental_arrows_a`); different kinds must all
 * hold (`script:greek gc:Lu`); a negated filter (`-emoji`) removes.
 */
import { HAS_TONE_VARIANTS, type CharIndex } from '../index/charIndex.js';
import { filter as keepWhere } from '../index/postings.js';
import type { Filter, FilterKind } from '../query/filters.js';
import type { WorkMeter } from './budget.js';

type Test = (char: number) => boolean;

/** One test for the filters of one kind: lookups in small tables, so a pass over all 155k chars takes a millisecond or two. */
function testOf(index: CharIndex, kind: FilterKind, filters: readonly Filter[]): Test {
  const { header } = index;
  const allowed = (size: number, ids: number[]) => {
    const table = new Uint8Array(size);
    for (const id of ids) if (id >= 0) table[id] = 1;
    return table;
  };
  switch (kind) {
    case 'block': {
      const table = allowed(0x10000, filters.flatMap((f) => (f.kind === 'block' ? [f.blockId] : [])));
      return (char) => table[index.blockId(char)] === 1;
    }
    case 'category': {
      const table = allowed(0x100, filters.flatMap((f) => (f.kind === 'category' ? f.codes.map((code) => header.categories.indexOf(code)) : [])));
      return (char) => table[index.categoryId(char)] === 1;
    }
    case 'script': {
      const table = allowed(0x100, filters.flatMap((f) => (f.kind === 'script' ? [header.scripts.indexOf(f.script)] : [])));
      return (char) => table[index.scriptId(char)] === 1;
    }
    case 'age': {
      const table = allowed(0x100, filters.flatMap((f) => (f.kind === 'age' ? [header.ages.indexOf(f.age)] : [])));
      return (char) => table[index.ageId(char)] === 1;
    }
    case 'emoji':
      return (char) => index.isEmoji(char);
    case 'tone': {
      // tone:dark keeps 👍🏿 for 👍 and its five variants; entries without variants stay.
      const wanted = filters.flatMap((f) => (f.kind === 'tone' ? [f.tone] : []));
      return (char) => {
        const tones = index.skinTones(char);
        const own = tones & ~HAS_TONE_VARIANTS;
        return wanted.some((tone) => (tone === 0 ? own === 0 : own === 0 ? (tones & HAS_TONE_VARIANTS) === 0 : own === 1 << tone));
      };
    }
    case 'range': {
      const ranges = filters.flatMap((f) => (f.kind === 'range' ? [f] : []));
      return (char) => {
        const cp = index.codePoint(char);
        return ranges.some((range) => cp >= range.first && cp <= range.last);
      };
    }
  }
}

/** One test for all the filters: every kind asked for holds, no excluded one does. */
function combinedTest(index: CharIndex, filters: readonly Filter[]): Test {
  const byKind = (negated: boolean) => {
    const kinds = new Map<FilterKind, Filter[]>();
    for (const filter of filters) if (filter.negated === negated) kinds.set(filter.kind, [...(kinds.get(filter.kind) ?? []), filter]);
    return [...kinds].map(([kind, ofKind]) => testOf(index, kind, ofKind));
  };
  const required = byKind(false);
  const excluded = byKind(true);
  if (excluded.length === 0 && required.length === 1) return required[0];
  return (char) => required.every((test) => test(char)) && !excluded.some((test) => test(char));
}

/**
 * Chars to start from when a query has filters but no words: only the ranges
 * or blocks asked for, if any, and the sequences (a few thousand), which the
 * tests place by their first code point.
 */
function startingChars(index: CharIndex, filters: readonly Filter[], meter: WorkMeter): Uint32Array {
  const spans: { first: number; end: number }[] = [];
  const positive = (kind: FilterKind) => filters.filter((filter) => filter.kind === kind && !filter.negated);
  const ranges = positive('range');
  const blocks = positive('block');
  if (ranges.length > 0) {
    for (const range of ranges) if (range.kind === 'range') spans.push(index.charRange(range.first, range.last));
    spans.push({ first: index.size, end: index.entryCount });
  } else if (blocks.length > 0) {
    for (const block of blocks) {
      if (block.kind !== 'block') continue;
      const { first, last } = index.header.blocks[block.blockId];
      spans.push(index.charRange(first, last));
    }
    spans.push({ first: index.size, end: index.entryCount });
  } else spans.push({ first: 0, end: index.entryCount });
  spans.sort((a, b) => a.first - b.first);
  const size = spans.reduce((sum, { first, end }) => sum + end - first, 0);
  meter.charge(size, filters[0]?.label ?? '');
  const chars = new Uint32Array(size);
  let count = 0;
  let next = 0;
  for (const { first, end } of spans) {
    for (let char = Math.max(first, next); char < end; char++) chars[count++] = char;
    next = Math.max(next, end);
  }
  return chars.subarray(0, count);
}

/** The chars of `candidates` (all chars when null) that pass the filters, ascending. */
export function applyFilters(index: CharIndex, candidates: Uint32Array | null, filters: readonly Filter[], meter: WorkMeter): Uint32Array {
  const start = candidates ?? startingChars(index, filters, meter);
  if (filters.length === 0) return start;
  // A char costs a table lookup per kind of filter, and a comparison per range.
  const kinds = new Set(filters.map((filter) => `${filter.kind} ${filter.negated}`)).size;
  const ranges = filters.filter((filter) => filter.kind === 'range').length;
  meter.charge(start.length * (kinds + ranges), filters.map((filter) => filter.label).join(' '));
  return keepWhere(start, combinedTest(index, filters));
}
