/**
 * Build time: the evidence for each entry's prior — how likely it is to be
 * the character a person means, before looking at the query. The index
 * weighs it when it loads (src/index/priors.ts has the points); here is what
 * the data says of each entry:
 *
 *   CLDR names it in English: CLDR annotates the characters people use
 *   an emoji, shown as one by default (😸, every RGI sequence) or as text
 *     unless asked (❤, ☺, ➡)
 *   how early Unicode encoded it: 1.1, to 3.2, to 6.0, later
 *   how many other characters and sequences point at it (0…8): decompositions
 *     (𝛂 → α), NamesList cross-references, emoji sequences built on it (❤ in
 *     💑's twelve forms); a base letter or symbol is central, its variants are not
 *   for ideographs, how common (0…10: Unihan kGradeLevel, kTGH, kJoyoKanji, kUnihanCore2020)
 *   a capital letter; an emoji with a skin tone; a format character
 *   a presentation form: a font, width, positional or squared compatibility
 *     decomposition, or a singleton one (𝐀, Ａ, ﻻ, ㎏, Ω OHM SIGN, KANGXI RADICAL
 *     WATER); fractions, super- and subscripts and circled forms are characters of their own (½, ², ①)
 *   a part of ideographs: a CJK radical or stroke (⺫ CJK RADICAL EYE is not 目)
 *   a combining mark; a deprecated character; a legacy-computing piece
 *
 * Nothing here names a query: the same evidence serves every search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodePointRange } from './unicode18.js';
import type { UcdRecord } from './properties.js';
import { AGE_SHIFT, CENTRALITY_LEVELS, FREQUENCY_SHIFT, PRIOR, type PriorEvidence } from '../index/priors.js';

export interface PriorInputs {
  entryCount: number;
  /** Entries 0 … charCount-1 are code points; the rest are sequences. */
  charCount: number;
  codePointOf: (i: number) => number;
  category: (i: number) => string;
  block: (i: number) => string | null;
  isEmoji: (i: number) => boolean;
  /** Shown as an emoji by default (Emoji_Presentation, every RGI sequence), not as text. */
  isEmojiPresentation: (i: number) => boolean;
  /** The Unicode version that added entry i (a sequence: its newest part), or null. */
  age: (i: number) => string | null;
  /** Entries that have an English (en, en-GB…) CLDR short name. */
  englishNamed: ReadonlySet<number>;
  /** A sequence entry's code points. */
  sequenceCodePoints: (i: number) => readonly number[];
  /** Every sequence's code points (the emoji sequences count toward their parts' centrality). */
  sequences: readonly (readonly number[])[];
  ucd: ReadonlyMap<number, UcdRecord>;
  deprecated: readonly CodePointRange[];
  ucdDir: string;
}

/** Versions by which an entry counts as early: its age class is 3 up to 1.1, 2 up to 3.2, 1 up to 6.0, else 0. */
const EARLY_VERSIONS = [6.0, 3.2, 1.1];
const COMBINING = new Set(['Mn', 'Mc', 'Me']);
const IDEOGRAPH_PART_BLOCKS = new Set(['CJK Radicals Supplement', 'Kangxi Radicals', 'CJK Strokes']);
const LEGACY_BLOCKS = new Set(['Symbols for Legacy Computing', 'Symbols for Legacy Computing Supplement']);
const SKIN_TONE_FIRST = 0x1f3fb;
const SKIN_TONE_LAST = 0x1f3ff;
/** ZWJ, U+FE0F and the gender signs: what makes a variant of a sequence, not another one. */
const VARIANT_PARTS = new Set([0x200d, 0xfe0f, 0x2640, 0x2642]);

export function priorEvidence(inputs: PriorInputs): PriorEvidence {
  const { entryCount, charCount, ucd } = inputs;
  const pointedAt = centrality(ucd, inputs.sequences);
  const deprecated = new Set<number>();
  for (const [first, last] of inputs.deprecated) for (let cp = first; cp <= last; cp++) deprecated.add(cp);
  const frequency = ideographFrequency(inputs.ucdDir);

  const features = new Uint16Array(entryCount);
  const levels = new Uint8Array(entryCount);
  for (let i = 0; i < entryCount; i++) {
    let bits = ageClass(inputs.age(i)) << AGE_SHIFT;
    if (inputs.englishNamed.has(i)) bits |= PRIOR.cldrEnglish;
    if (inputs.isEmoji(i)) bits |= inputs.isEmojiPresentation(i) ? PRIOR.emoji : PRIOR.textEmoji;
    if (i >= charCount) {
      if (inputs.sequenceCodePoints(i).some((cp) => cp >= SKIN_TONE_FIRST && cp <= SKIN_TONE_LAST)) bits |= PRIOR.skinToned;
      features[i] = bits;
      continue;
    }
    const cp = inputs.codePointOf(i);
    const category = inputs.category(i);
    const block = inputs.block(i);
    if (category === 'Lu' || category === 'Lt') bits |= PRIOR.capital;
    if (category === 'Cf') bits |= PRIOR.format;
    const decomposition = ucd.get(cp)?.decomposition as string | undefined;
    if (decomposition && isPresentationForm(decomposition)) bits |= PRIOR.presentationForm;
    else if (block !== null && IDEOGRAPH_PART_BLOCKS.has(block)) bits |= PRIOR.ideographPart;
    if (COMBINING.has(category)) bits |= PRIOR.combining;
    if (deprecated.has(cp)) bits |= PRIOR.deprecated;
    if (block !== null && LEGACY_BLOCKS.has(block)) bits |= PRIOR.legacy;
    features[i] = bits;
    const central = Math.min(CENTRALITY_LEVELS - 1, Math.round(2 * Math.log2(1 + (pointedAt.get(cp) ?? 0))));
    levels[i] = central | ((frequency.get(cp) ?? 0) << FREQUENCY_SHIFT);
  }
  return { features, levels };
}

function ageClass(age: string | null): number {
  const version = age === null ? NaN : parseFloat(age);
  return EARLY_VERSIONS.filter((newest) => version <= newest).length;
}

/** Decomposition tags of characters of their own, not presentation forms of another. */
const OWN_FORMS = new Set(['fraction', 'super', 'sub', 'circle']);

function isPresentationForm(decomposition: string): boolean {
  const tag = /^<([a-zA-Z]+)>/.exec(decomposition);
  if (tag) return !OWN_FORMS.has(tag[1]);
  return !decomposition.includes(' '); // a canonical singleton: Ω OHM SIGN is Ω
}

/** How many other code points and sequences name each code point: in their decomposition (canonical or compatibility), as a NamesList cross-reference, or as a part. */
function centrality(ucd: ReadonlyMap<number, UcdRecord>, sequences: readonly (readonly number[])[]): Map<number, number> {
  const counts = new Map<number, number>();
  const count = (hex: string, from: number) => {
    const cp = parseInt(hex, 16);
    if (Number.isNaN(cp) || cp === from) return;
    counts.set(cp, (counts.get(cp) ?? 0) + 1);
  };
  for (const [cp, record] of ucd) {
    const decomposition = record.decomposition as string;
    if (decomposition) for (const part of decomposition.replace(/^<[a-zA-Z]+>\s*/, '').split(' ')) count(part, cp);
    for (const reference of record.crossReferences as string[]) count(reference, cp);
  }
  // A sequence counts once for each code point in it, as its toneless, genderless form: 🚴‍♀️🏽 is 🚴
  // again (no credit to 🚴 from its own variants), while ❤ is in 💑, 💏, ❤️‍🔥 and ❤️‍🩹.
  const seen = new Set<string>();
  for (const codePoints of sequences) {
    const base = codePoints.filter((cp) => !VARIANT_PARTS.has(cp) && (cp < SKIN_TONE_FIRST || cp > SKIN_TONE_LAST));
    if (base.length < 2 || seen.has(base.join(' '))) continue;
    seen.add(base.join(' '));
    for (const cp of new Set(base)) counts.set(cp, (counts.get(cp) ?? 0) + 1);
  }
  return counts;
}

interface UnihanRow {
  codepoint: string;
  kGradeLevel?: string;
  kUnihanCore2020?: string;
  kTGH?: string;
  kJoyoKanji?: string;
}

/**
 * Points for how common an ideograph is, from the lists Unihan carries (it
 * has no frequency field since 15.1): Hong Kong school grade (1 → 10 … 6 → 5),
 * China's table of general standard characters (kTGH: the first 3,500 are the
 * common ones → 6, the rest → 3), Japan's Jōyō kanji (5), the IRG's core set (1).
 */
function ideographFrequency(ucdDir: string): Map<number, number> {
  const points = new Map<number, number>();
  const raise = (row: UnihanRow, value: number) => {
    const cp = parseInt(row.codepoint.slice(2), 16);
    if (value > (points.get(cp) ?? 0)) points.set(cp, value);
  };
  for (const file of ['Unihan_DictionaryLikeData.json', 'Unihan_OtherMappings.json']) {
    const rows = Object.values(JSON.parse(readFileSync(join(ucdDir, file), 'utf8')))[0] as UnihanRow[];
    for (const row of rows) {
      if (row.kGradeLevel) raise(row, 11 - Number(row.kGradeLevel));
      if (row.kTGH) raise(row, Number(row.kTGH.split(':')[1]) <= 3500 ? 6 : 3);
      if (row.kJoyoKanji) raise(row, 5);
      if (row.kUnihanCore2020) raise(row, 1);
    }
  }
  return points;
}
