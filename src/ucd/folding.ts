/**
 * Build time: what the query side's word variants (search/expansions.ts)
 * need from the data, and a count of what each rule adds.
 *
 *   folded words   per vocabulary, each folded word that differs from a word
 *                  → the ids of the words folding to it (index/folding.ts)
 *   synonyms       words the data gives as other spellings of a name word:
 *     - an informal alias word one letter from a word of the same name
 *       (`lambda` for GREEK SMALL LETTER LAMDA, `shekel` for NEW SHEQEL SIGN,
 *       `ghain` for … GHAYN), itself in no name of the same script: `lambda`
 *       re-spells Greek LAMDA though Latin has LAMBDA, but `stigma` (for
 *       FINAL SIGMA) is not SIGMA, as GREEK LETTER STIGMA has it
 *     - the one-word informal alias of a combining mark named COMBINING X
 *       (`umlaut` for COMBINING DIAERESIS, `hacek` for COMBINING CARON), so
 *       it stands for X in every name (LATIN SMALL LETTER U WITH DIAERESIS)
 */
import { foldWord } from '../index/folding.js';
import type { FoldingHeader } from '../index/header.js';
import { nameWords, textWords } from '../index/words.js';
import { inflections, numberVariant, SMALL_WORDS } from '../search/expansions.js';
import { encodeVocabulary } from './postingLists.js';

export interface FoldedWordTable {
  vocabulary: Buffer;
  offsets: Uint32Array;
  slots: Uint32Array;
  starts: Uint32Array;
  ids: Uint32Array;
  /** Words whose fold differs from them. */
  foldedWords: number;
}

/** For `words` (a vocabulary, in id order): each distinct differing fold, with the ids of the words folding to it. */
export function foldedWordTable(words: readonly string[]): FoldedWordTable {
  const idsOf = new Map<string, number[]>();
  let foldedWords = 0;
  words.forEach((word, id) => {
    const folded = foldWord(word);
    if (folded === word) return;
    foldedWords++;
    let ids = idsOf.get(folded);
    if (!ids) idsOf.set(folded, (ids = []));
    ids.push(id);
  });
  const encoded = encodeVocabulary(idsOf.keys());
  const starts = new Uint32Array(encoded.words.length + 1);
  encoded.words.forEach((folded, k) => (starts[k + 1] = starts[k] + idsOf.get(folded)!.length));
  const ids = new Uint32Array(starts[encoded.words.length]);
  encoded.words.forEach((folded, k) => ids.set(idsOf.get(folded)!, starts[k]));
  return { vocabulary: encoded.bytes, offsets: encoded.offsets, slots: encoded.slots, starts, ids, foldedWords };
}

export interface NamedEntry {
  name: string;
  category: string;
  script: string;
  informalAliases: readonly string[];
}

/** Whether two words are one edit apart (a letter added, dropped or changed). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, y: string) => x.slice(i + 1) === y.slice(i + (x.length === y.length ? 1 : 0));
  return a.length >= b.length ? tail(a, b) : tail(b, a);
}

/** The synonyms the data gives (see above), and how many each rule found. */
export function dataSynonyms(entries: readonly NamedEntry[], isNameWord: (word: string) => boolean): { header: FoldingHeader; respellings: number; markAliases: number } {
  const scriptWords = new Map<string, Set<string>>();
  for (const { name, script } of entries) {
    if (!scriptWords.has(script)) scriptWords.set(script, new Set());
    for (const word of nameWords(name)) scriptWords.get(script)!.add(word);
  }
  const synonyms = new Map<string, Set<string>>();
  const add = (word: string, target: string) => {
    if (!synonyms.has(word)) synonyms.set(word, new Set());
    synonyms.get(word)!.add(target);
  };
  let respellings = 0;
  let markAliases = 0;
  for (const { name, category, script, informalAliases } of entries) {
    const own = nameWords(name);
    const ownScript = scriptWords.get(script)!;
    for (const alias of informalAliases) {
      const words = textWords(alias);
      for (const word of words) {
        if (word.length < 4 || SMALL_WORDS.has(word) || ownScript.has(word) || inflections(word, true).some((form) => own.includes(form))) continue;
        for (const target of own) {
          if (target.length >= 4 && target[0] === word[0] && oneEditApart(word, target)) {
            add(word, target);
            respellings++;
          }
        }
      }
      if (category === 'Mn' && own[0] === 'combining' && own.length === 2 && words.length === 1 && !isNameWord(words[0])) {
        add(words[0], own[1]);
        markAliases++;
      }
    }
  }
  return { header: { synonyms: [...synonyms].map(([word, targets]) => [word, [...targets]]) }, respellings, markAliases };
}

/** Only such words have inflections, a -wards form or a number form: most words of the keywords (other scripts, accents) are passed over at once. */
const MAY_HAVE_VARIANTS = /^[a-z0-9]+$/;
/**
 * The start every inflection of a word shares with it (see inflections()):
 * `cherr` of `cherry` (`cherries`), `kni` of `knife` (`knives`), `smil` of
 * `smile` (`smiling`), `ru` of `running` (`run`), `lea` of `leaves` (`leaf`).
 */
function sharedStart(word: string): string {
  if (word.endsWith('ing')) return word.slice(0, -4);
  if (word.endsWith('ed') || word.endsWith('s')) return word.slice(0, -3);
  return word.slice(0, word.endsWith('fe') ? -2 : -1);
}

/**
 * What the query-side rules would add over a vocabulary: words having such a
 * variant, per rule. `words` is a vocabulary in code point order; `holds` says
 * whether it has a word (the build's own posting maps: a Set of the 400,000
 * keyword words cost more than the counting).
 *
 * Words sharing a start are neighbours in code point order: a word whose
 * neighbours do not share the start its inflections would (sharedStart) has
 * none, and they are not made (half the words of the keywords' 129,000 in
 * a-z: the counts, unchanged, took 0.6 s of a build, and take 0.2 s).
 */
export function countQueryRules(words: readonly string[], holds: (word: string) => boolean): string {
  let inflected = 0;
  let verbInflected = 0;
  let wards = 0;
  let numbers = 0;
  const candidates = words.filter((word) => MAY_HAVE_VARIANTS.test(word) && !SMALL_WORDS.has(word));
  candidates.forEach((word, k) => {
    const start = sharedStart(word);
    const mayHaveForms = candidates[k - 1]?.startsWith(start) || candidates[k + 1]?.startsWith(start);
    // The plural forms are among the verb forms.
    if (mayHaveForms && inflections(word, true).some(holds)) {
      verbInflected++;
      if (inflections(word).some(holds)) inflected++;
    }
    if (candidates[k + 1]?.startsWith(word) && holds(word + 'wards')) wards++;
    const number = numberVariant(word);
    if (number !== null && holds(number)) numbers++;
  });
  return `${inflected.toLocaleString('en-US')} words with another number, participle or adverb form (${verbInflected.toLocaleString('en-US')} with -ing and -ed), ${wards} with a -wards form, ${numbers} with a number form`;
}
