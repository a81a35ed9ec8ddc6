/**
 * The scripts of the session's languages, a prior the ranking applies at query
 * time: a letter of another script loses points unless the query names its
 * script. Names of letters of other scripts are often English words — ARABIC
 * LETTER SAD, HANGUL SYLLABLE SUM, ETHIOPIC SYLLABLE BEE — and `sad` means ☹.
 *
 * Always the session's: Latin, Greek and Cyrillic (the letters an English
 * speaker names: `alpha`, `lambda`, `cyrillic zhe`), Common and Inherited. Each
 * of the session's other languages adds the script its CLDR names are written
 * in, read from the index (the script of the first letter of its name of 🐈).
 * A query word that is a word of a script's name (`arabic`, `hiragana`) lifts
 * the penalty from that script's letters.
 */
import type { CharIndex } from '../index/charIndex.js';
import { nameWords } from '../index/words.js';

/** Points a letter or mark of a script the session does not use loses. */
export const OTHER_SCRIPT = -6;

const ALWAYS = ['Latin', 'Greek', 'Cyrillic', 'Common', 'Inherited', 'Unknown'];
const CAT = 0x1f408;

export interface ScriptPrior {
  /** Points to add for entry i (0 or OTHER_SCRIPT). */
  pointsOf(i: number): number;
}

const NONE: ScriptPrior = { pointsOf: () => 0 };

/** The prior for a query of these words, in a session of these language ids (English aside). */
export function scriptPrior(index: CharIndex, queryWords: readonly string[], languages: readonly number[]): ScriptPrior {
  const own = new Set<number>();
  const scripts = index.header.scripts;
  for (const name of ALWAYS) {
    const id = scripts.indexOf(name);
    if (id >= 0) own.add(id);
  }
  const cat = index.indexOf(CAT);
  for (const language of languages) {
    const shortName = cat >= 0 ? index.shortName(cat, language) : null;
    const letter = shortName === null ? undefined : [...shortName].find((ch) => /\p{L}/u.test(ch));
    const entry = letter === undefined ? -1 : index.indexOf(letter.codePointAt(0)!);
    if (entry >= 0) own.add(index.scriptId(entry));
  }
  const asked = new Set(queryWords);
  scripts.forEach((name, id) => {
    if (nameWords(name.replaceAll('_', ' ')).some((word) => word.length > 1 && asked.has(word))) own.add(id);
  });
  if (own.size === scripts.length) return NONE;
  const letterOrMark = index.header.categories.map((category) => /^[LM]/.test(category));
  return {
    pointsOf: (i) => (own.has(index.scriptId(i)) || !letterOrMark[index.categoryId(i)] ? 0 : OTHER_SCRIPT),
  };
}
