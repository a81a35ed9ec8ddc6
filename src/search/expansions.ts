/**
 * The words a query word also stands for: `hearts` finds HEART, `tete` finds
 * `tête`, `right` finds RIGHTWARDS, `umlaut` finds DIAERESIS, `1` finds ONE.
 * A variant counts only when the index holds it, so every rule is checked
 * against the data on each use; no rule names a character or a query.
 *
 *   fold         diacritics and case (index/folding.ts): `corazon` = `corazón`
 *   inflection   English plural, both ways: hearts → heart, cherries → cherry,
 *                leaves → leaf, ellipses → ellipsis, drawing → drawings; one participle
 *                for the other: curved ↔ curving; an adverb and its adjective:
 *                approximately ↔ approximate; and, only when the words as
 *                typed match nothing (search/relaxed.ts), -ing and -ed, both ways:
 *                pout → pouting (`pout cat` is 😾 POUTING CAT FACE). Those
 *                change what the word means (`bike` is 🚲, BIKING a person on one),
 *                so they never add to an answer the words as typed have
 *   derivation   an English verb's noun, as names of operations spell them:
 *                sum → summation, divide → division, multiply → multiplication,
 *                approximate → approximation; another form, like an inflection
 *   wards        the names' direction words: right → rightwards (also left, up, down, back)
 *   number       digits and English number words: 1 ↔ one … 20 ↔ twenty
 *   synonym      informal aliases that re-spell a name word (`lambda` for LAMDA,
 *                `shekel` for SHEQEL) and the one-word informal aliases of
 *                combining marks (`umlaut` for DIAERESIS, `hacek` for CARON):
 *                found at build time (ucd/folding.ts), kept in the index header
 *
 * Small words (`or`, `to`, `of`…) have no variants: `to` must not become TOWARDS.
 * `/match names` never uses variants (the book's semantics: official name words only).
 */
import type { CharIndex } from '../index/charIndex.js';
import { foldWord } from '../index/folding.js';
import { difference, intersect } from '../index/postings.js';
import { nameWordSplits } from './compounds.js';
import type { Segment } from './result.js';
import { variantRule, type VariantRule } from '../index/variants.js';

export type { VariantRule } from '../index/variants.js';

export interface Variant {
  word: string;
  rule: VariantRule;
}

/** Words people type between the words of a name, which the name may lack (see smallWords.ts). */
export const SMALL_WORDS: ReadonlySet<string> = new Set(['and', 'of', 'or', 'the', 'to', 'with']);
// Not `a` (`a umlaut`), nor `for`, `in`, `on`, which names hold as meaning (SYMBOL FOR NEWLINE, X IN A RECTANGLE BOX).

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const NUMBER_OF_WORD = new Map(NUMBER_WORDS.map((word, n) => [word, n]));

const VOWEL = /[aeiou]/;
const PARTICIPLES = [
  ['ed', 'ing'],
  ['ing', 'ed'],
] as const;
/** Endings that look plural but are not (`plus`, `axis`, `cross`, `virus`). */
const NOT_PLURAL = /(ss|us|is)$/;

/**
 * English inflections of a word, both ways: what its singular and plural
 * (and with `verbForms`, its -ing and -ed) forms would be. Candidates only:
 * most do not exist, and the caller keeps those the index holds. Stems keep
 * three letters, so `us` is not `u`.
 */
export function inflections(word: string, verbForms = false): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const forms = new Set<string>();
  const stem = (form: string) => {
    if (form.length >= 3) forms.add(form);
  };
  if (word.endsWith('s') && !NOT_PLURAL.test(word)) {
    stem(word.slice(0, -1)); // hearts → heart, degrees → degree
    if (word.endsWith('es')) {
      stem(word.slice(0, -2)); // boxes → box
      stem(word.slice(0, -2) + 'is'); // ellipses → ellipsis, parentheses → parenthesis
    }
    if (word.endsWith('ies')) stem(word.slice(0, -3) + 'y'); // cherries → cherry
    if (word.endsWith('ves')) {
      stem(word.slice(0, -3) + 'f'); // leaves → leaf
      stem(word.slice(0, -3) + 'fe'); // knives → knife
    }
  } else {
    forms.add(word + 's');
    if (/(s|x|z|ch|sh)$/.test(word)) forms.add(word + 'es');
    if (/[^aeiou]y$/.test(word)) forms.add(word.slice(0, -1) + 'ies');
    if (word.endsWith('is')) forms.add(word.slice(0, -2) + 'es'); // ellipsis → ellipses
    if (/f$/.test(word)) forms.add(word.slice(0, -1) + 'ves');
    if (/fe$/.test(word)) forms.add(word.slice(0, -2) + 'ves');
  }
  // An adverb for its adjective and back: `approximately` is also ≈ (CLDR: approximate), `slight smile` 🙂 SLIGHTLY SMILING FACE.
  if (word.endsWith('ly')) {
    stem(word.slice(0, -2)); // approximately → approximate
    if (word.endsWith('ily')) stem(word.slice(0, -3) + 'y'); // happily → happy
  } else {
    forms.add(/[^aeiou]y$/.test(word) ? word.slice(0, -1) + 'ily' : word + 'ly');
  }
  // One participle for the other, both describing: `curved arrow` is also ↩ (CLDR: right arrow curving left).
  for (const [ending, other] of PARTICIPLES) {
    const base = word.slice(0, -ending.length);
    if (word.endsWith(ending) && VOWEL.test(base)) stem(base + other);
  }
  if (!verbForms) {
    forms.delete(word);
    return [...forms];
  }
  for (const ending of ['ing', 'ed']) {
    if (word.endsWith(ending)) {
      const base = word.slice(0, -ending.length);
      if (!VOWEL.test(base)) continue; // `bed`, `sing` are no inflections
      stem(base); // rolling → roll
      stem(base + 'e'); // smiling → smile
      if (/([b-df-hj-np-tv-z])\1$/.test(base)) stem(base.slice(0, -1)); // running → run
    }
  }
  if (!/(s|ing|ed)$/.test(word)) {
    // roll → rolling, smile → smiling, curve → curved (not star → stared: -ed only after e)
    forms.add(word.endsWith('e') ? word.slice(0, -1) + 'ing' : word + 'ing');
    if (word.endsWith('e')) forms.add(word + 'd');
  }
  forms.delete(word);
  return [...forms];
}

/**
 * A verb's nouns, as candidates (most do not exist; the caller keeps those
 * names hold): -ation, -ion, -ition, -ication, -ision. Only this way: names
 * call operations by their nouns (N-ARY SUMMATION, DIVISION SIGN), people by
 * their verbs; back from a noun would make `notation` NOT.
 */
export function derivations(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word) || /(ion|s)$/.test(word)) return [];
  const forms = new Set([word + 'ation', word + 'ion', word + 'ition']);
  if (/^[b-df-hj-np-tv-z]*[aeiou][b-df-hj-np-tv-z]$/.test(word)) forms.add(word + word.at(-1) + 'ation'); // sum → summation
  if (word.endsWith('e')) forms.add(word.slice(0, -1) + 'ion').add(word.slice(0, -1) + 'ation'); // approximate → approximation
  if (word.endsWith('y')) forms.add(word.slice(0, -1) + 'ication'); // multiply → multiplication
  if (word.endsWith('ide')) forms.add(word.slice(0, -3) + 'ision'); // divide → division
  return [...forms];
}

/** Whether a rule gives another spelling of the same word (`corazón`, LAMDA, `1`, the names' RIGHTWARDS for `right`), rather than another form of it (`hearts`, `rolling`). */
export function isSpelling(rule: VariantRule): boolean {
  return rule === 'fold' || rule === 'synonym' || rule === 'number' || rule === 'wards';
}

/** A digit's English word and back (1 ↔ one … 20 ↔ twenty). */
export function numberVariant(word: string): string | null {
  if (/^(0|[1-9][0-9]?)$/.test(word)) return NUMBER_WORDS[Number(word)] ?? null;
  const n = NUMBER_OF_WORD.get(word);
  return n === undefined ? null : String(n);
}

/** A word has variants only in `/match all`, and only when it is not a small word. */
export function hasVariants(word: string): boolean {
  return !SMALL_WORDS.has(word);
}

/**
 * The variants of `word` the index holds (in any source), each once, the word
 * itself not among them. A word of the vocabularies has them from the index,
 * found at build time by this same function (ucd/variantTable.ts); another
 * word (a typo, a word of no source) and the verb forms cost a dozen lookups.
 */
export function wordVariants(index: CharIndex, word: string, verbForms = false): Variant[] {
  if (!hasVariants(word)) return [];
  const stored = verbForms ? null : index.storedVariants(word);
  if (stored !== null) {
    // A loop: Array.from with a mapping function over a typed array was a tenth of a missed word's time in the bench, most words having none.
    const variants: Variant[] = [];
    for (const entry of stored) variants.push({ word: index.variantWord(entry), rule: variantRule(entry) });
    return variants;
  }
  return foundVariants(index, word, verbForms);
}

/** The variants of `word`, looked for rule by rule. */
export function foundVariants(index: CharIndex, word: string, verbForms = false): Variant[] {
  if (!hasVariants(word)) return [];
  const found = new Map<string, VariantRule>();
  const consider = (candidate: string, rule: VariantRule) => {
    if (!found.has(candidate) && isHeldVariant(index, word, candidate)) found.set(candidate, rule);
  };
  const folded = foldWord(word);
  consider(folded, 'fold');
  for (const unfolded of index.unfoldedWords(folded)) consider(unfolded, 'fold');
  for (const form of inflections(folded, verbForms)) consider(form, 'inflection');
  for (const form of derivations(folded)) if (index.postings('name', form).length > 0) consider(form, 'derivation');
  consider(folded + 'wards', 'wards');
  const number = numberVariant(folded);
  if (number !== null) consider(number, 'number');
  for (const synonym of index.wordSynonyms(folded)) consider(synonym, 'synonym');
  return [...found].map(([candidate, rule]) => ({ word: candidate, rule }));
}

/** Whether a candidate form of `word` is a variant of it: another word, no small word, one the index holds. */
function isHeldVariant(index: CharIndex, word: string, candidate: string): boolean {
  return candidate !== word && !SMALL_WORDS.has(candidate) && index.holdsWord(candidate);
}

/**
 * Whether one of the word's verb forms (inflections: -ing and -ed, both
 * ways) is a word of the index. When none is, the word's variants
 * with verb forms are its variants as typed (each candidate is kept only when
 * the index holds it, and the verb forms come after the others), so are its
 * hits; and a query none of whose words has one would find nothing by its verb
 * forms, as it found nothing as typed: that reading is not run (of the bench's
 * diverse list's 265 queries that match nothing as typed, 262 ran it, a fifth
 * of their time; 15 have a word with such a form).
 */
export function hasVerbFormInIndex(index: CharIndex, word: string): boolean {
  if (!hasVariants(word)) return false;
  const folded = foldWord(word);
  const forms = inflections(folded);
  return inflections(folded, true).some((form) => !forms.includes(form) && isHeldVariant(index, word, form));
}

/**
 * A word no source holds, read as two name words written together, when some
 * name has them side by side: `forall` → FOR ALL, `nonbreaking` → NON-BREAKING.
 * The first such split from the left; null when there is none. (Halves that
 * no name has together are a later reading of the answer: compounds.ts.)
 */
export function joinedWords(index: CharIndex, word: string): [string, string] | null {
  if (!/^[a-z0-9]{4,}$/.test(word)) return null;
  return nameWordSplits(index, word, 2).find((pair) => index.charsWithNamePhrase(pair).length > 0) ?? null;
}

/**
 * Within each kind of match, the characters every term matched as typed (or
 * spelt otherwise: isSpelling) come before those some term matched only in
 * another form (an inflection): `thumbs up` is 👍
 * THUMBS UP SIGN before the SignWriting hands with a THUMB and an UP, `hearts`
 * TWO HEARTS before ♥. Each segment splits in two, each still in code point order.
 * `typed` is the matches every term matched as typed (ranking.ts Ranked), null
 * when no term matched in another form.
 */
export function typedMatchesFirst(segments: Segment[], typed: Uint32Array | null): Segment[] {
  if (typed === null || typed.length === 0) return segments;
  // The segments hold each candidate once, typed among them: as many typed as segment chars means none splits
  // (two rankings in three with a typed list, each segment intersected with it for nothing).
  let chars = 0;
  for (const segment of segments) chars += segment.chars.length;
  if (chars === typed.length) return segments;
  // Most segments do not split: a new list is made only from the first that does.
  let split: Segment[] | null = null;
  segments.forEach((segment, k) => {
    const first = intersect([segment.chars, typed]);
    if (first.length === 0 || first.length === segment.chars.length) {
      split?.push(segment);
      return;
    }
    split ??= segments.slice(0, k);
    const rest = difference(segment.chars, first);
    const part = (chars: Uint32Array): Segment => ({ ...segment, chars, explained: segment.explained.length === 0 ? segment.explained : intersect([segment.explained, chars]) });
    split.push(part(first), part(rest));
  });
  return split ?? segments;
}
