/**
 * Build time: how the letters of the other alphabets an English speaker
 * names are written in Latin letters, as words to find them by. Unicode calls
 * ё CYRILLIC SMALL LETTER IO and щ SHCHA, but people write `yo` and `shch`
 * (`cyrillic yo`); θ is THETA, and also `th`.
 *
 * Source: the package `transliteration` (Unidecode's tables), for the letters
 * (general category L) of the scripts in ROMANISED. A romanisation is kept
 * when it is a word of two or more ASCII letters that the letter's name does
 * not have already: ё gets `yo`; а (`a`), б (`b`) and д DE get nothing, one
 * letter being no word anyone searches by. Filed as aliases of type
 * `transliteration`, words to find a letter by, never exact answers (`yo`
 * alone is 🪀 YO-YO first).
 */
import { transliterate } from 'transliteration';
import { nameWords } from '../index/words.js';

export const TRANSLITERATIONS_SOURCE = 'transliteration (Unidecode tables), Cyrillic and Greek letters';

/** The alphabets besides Latin whose letters the session always counts as its own (search/scripts.ts). */
const ROMANISED = new Set(['Cyrillic', 'Greek']);

/** A letter's romanisation as a word, or null: not a letter of those scripts, one letter only, or a word of its name. */
export function romanisation(codePoint: number, name: string, script: string, category: string): string | null {
  if (!ROMANISED.has(script) || !category.startsWith('L')) return null;
  const word = transliterate(String.fromCodePoint(codePoint)).toLowerCase();
  if (!/^[a-z]{2,}$/.test(word) || nameWords(name).includes(word)) return null;
  return word;
}
