/**
 * Build time: the names of the code points whose name the data gives as a
 * range label. `@unicode/unicode-18.0.0`'s Names map writes `Hangul Syllable`,
 * `CJK Ideograph Extension B`, `Seal Character`… for every code point of such
 * a range (UnicodeData.txt's `<…, First>`/`<…, Last>` pairs); the names
 * follow UAX #44 §4.8 and the core spec's Table 4-8:
 *
 *   NR1  Hangul syllables: HANGUL SYLLABLE + the jamo short names (Jamo.txt)
 *        of the syllable's leading consonant, vowel and trailing consonant.
 *   NR2  the range's prefix + the code point in hex (4–6 digits).
 *
 * The prefix is not the label: the Seal range is named
 * `SMALL SEAL CHARACTER-3D000` (DerivedName.txt), the CJK ranges
 * `CJK UNIFIED IDEOGRAPH-…`. A label this table does not know stops the
 * build: a new range needs its prefix read from Table 4-8, not guessed.
 * Ranges whose names the package already spells out one by one (Egyptian
 * hieroglyphs 13460.., Khitan, Nushu, CJK compatibility ideographs) need
 * nothing here; a test checks them against the same rule.
 */

/** Labels of code points that have no name at all (UAX #44: their label is `<control-…>`, `<private-use-…>`…). */
const UNNAMED_LABELS: ReadonlySet<string> = new Set([
  '<control>',
  'Non Private Use High Surrogate',
  'Private Use High Surrogate',
  'Low Surrogate',
  'Private Use',
  'Plane 15 Private Use',
  'Plane 16 Private Use',
]);

/** NR2: range label → name prefix (Table 4-8). */
const NR2_PREFIXES: readonly { label: RegExp; prefix: string }[] = [
  { label: /^CJK Ideograph( Extension [A-Z])?$/, prefix: 'CJK UNIFIED IDEOGRAPH-' },
  { label: /^Tangut Ideograph( Supplement)?$/, prefix: 'TANGUT IDEOGRAPH-' },
  { label: /^Seal Character$/, prefix: 'SMALL SEAL CHARACTER-' },
  { label: /^Jurchen Character$/, prefix: 'JURCHEN CHARACTER-' },
];

const HANGUL_LABEL = 'Hangul Syllable';

/** Every prefix NR2 gives, with those of the ranges the data spells out (for tests and docs/data.md). */
export const NR2_NAME_PREFIXES: readonly string[] = [
  ...NR2_PREFIXES.map(({ prefix }) => prefix),
  'EGYPTIAN HIEROGLYPH-',
  'KHITAN SMALL SCRIPT CHARACTER-',
  'NUSHU CHARACTER-',
  'CJK COMPATIBILITY IDEOGRAPH-',
];

/** A real Unicode name is written in A–Z, 0–9, space and hyphen; anything else is a label. */
const NAME_SPELLING = /^[A-Z0-9][A-Z0-9 -]*$/;

const S_BASE = 0xac00;
const L_BASE = 0x1100;
const V_BASE = 0x1161;
const T_BASE = 0x11a7;
const L_COUNT = 19;
const V_COUNT = 21;
const T_COUNT = 28;
const N_COUNT = V_COUNT * T_COUNT;
export const HANGUL_SYLLABLE_COUNT = L_COUNT * N_COUNT;

/** Jamo.txt's short names, keyed by jamo code point (T_BASE itself is the empty "no trailing consonant"). */
export type JamoShortNames = ReadonlyMap<number, string>;

/** NR1: `HANGUL SYLLABLE GA` for U+AC00. */
export function hangulSyllableName(cp: number, jamo: JamoShortNames): string {
  const s = cp - S_BASE;
  if (s < 0 || s >= HANGUL_SYLLABLE_COUNT) throw new Error(`U+${hex(cp)} is not a Hangul syllable`);
  const part = (jamoCp: number) => {
    const short = jamo.get(jamoCp);
    if (short === undefined) throw new Error(`no jamo short name for U+${hex(jamoCp)}`);
    return short;
  };
  const l = part(L_BASE + Math.floor(s / N_COUNT));
  const v = part(V_BASE + Math.floor((s % N_COUNT) / T_COUNT));
  const t = s % T_COUNT === 0 ? '' : part(T_BASE + (s % T_COUNT));
  return `HANGUL SYLLABLE ${l}${v}${t}`;
}

function hex(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The name of `cp` given what the data holds for it: the name itself, a
 * range label turned into the name (NR1, NR2), or null for code points that
 * have none (controls, surrogates, private use). Throws on an unknown label.
 */
export function derivedName(cp: number, nameOrLabel: string, jamo: JamoShortNames): string | null {
  if (NAME_SPELLING.test(nameOrLabel)) return nameOrLabel;
  if (UNNAMED_LABELS.has(nameOrLabel)) return null;
  if (nameOrLabel === HANGUL_LABEL) return hangulSyllableName(cp, jamo);
  const rule = NR2_PREFIXES.find(({ label }) => label.test(nameOrLabel));
  if (!rule) {
    throw new Error(
      `U+${hex(cp)}: unknown range label '${nameOrLabel}' in the Names data; add its name prefix from Table 4-8 of the Unicode core spec (DerivedName.txt) to src/ucd/derivedNames.ts`,
    );
  }
  return rule.prefix + hex(cp);
}
