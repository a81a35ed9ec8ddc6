/**
 * Diacritics and case, folded: `tête` and `tete`, `corazón` and `corazon`,
 * `Straße` and `strasse` are one word to a search. The build and the query
 * side share foldWord(), so both always agree on what a folded word is.
 *
 * Only the diacritics of the Latin, Greek and Cyrillic alphabets are removed
 * (the marks of Combining Diacritical Marks, U+0300–U+036F, after NFD), and
 * the few letters that carry a stroke or ligature instead of a mark (ß, ø, æ,
 * œ, ł, đ, ħ, ı, þ…). Stripping every mark (\p{M}) would fold the vowel
 * signs of Devanagari or Thai away and make unrelated words one.
 *
 * The index keeps, per vocabulary, the folded words that differ from a word
 * (139,000 of the 400,000 CLDR keyword words) as a small vocabulary of their
 * own whose "postings" are the ids of the words they fold from. A lookup is
 * one binary search, then the original words' own posting lists: nothing
 * is duplicated (copying the lists under the folded words would cost more
 * than the 3 MB the table takes).
 */
import { Vocabulary } from './vocabulary.js';

const DIACRITICS = /[\u0300-\u036f]/g;

/** Letters whose diacritic is not a combining mark in NFD. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
};
const FOLDED_LETTER = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

const ASCII = /^[\x00-\x7f]*$/;

/** A word (already lower case, as words.ts makes them) without its Latin, Greek and Cyrillic diacritics. */
export function foldWord(word: string): string {
  // ASCII has nothing to fold: the same word without normalizing twice.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.toLowerCase().normalize('NFD').replace(DIACRITICS, '').replace(FOLDED_LETTER, (letter) => LETTER_FOLDS[letter]).normalize('NFC');
}

/** The words of a vocabulary that fold to a given word. */
export class FoldedWords {
  constructor(
    private readonly folded: Vocabulary,
    private readonly words: Vocabulary,
  ) {}

  /** The words that fold to `folded` (not `folded` itself, which the vocabulary may also hold). */
  unfold(folded: string): string[] {
    const ids = this.folded.postings(0, this.folded.id(folded));
    return Array.from(ids, (id) => this.words.word(id));
  }
}
