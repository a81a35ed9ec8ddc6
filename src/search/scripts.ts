/**
 * The scripts of the session's languages, a prior the ranking applies at query
 * time: a character of another script loses points unless the query names its
 * script. Names of letters of other scripts are often English words — ARABIC
 * LETTER SAD, HANGUL SYLLABLE SUM, ETHIOPIC SYLLABLE BEE — and `sad` means ☹;
 * their numbers, punctuation and symbols likewise: `one half` is ½, before
 * ORIYA FRACTION ONE HALF; `three dots` is …, before BRAILLE PATTERN DOTS-3.
 *
 * Always the session's: the letters and marks of Latin, Greek and Cyrillic
 * (the letters an English speaker names: `alpha`, `lambda`, `cyrillic zhe`;
 * not GREEK ONE HALF SIGN, an Attic numeral), Common and Inherited. Each
 * of the session's other languages adds the script its CLDR names are written
 * in, read from the index (the script of the first letter of its name of 🐈).
 * A query word that is a word of a script's name (`arabic`, `hiragana`) lifts
 * the penalty from that script's letters.
 */
import type { CharIndex } from '../index/charIndex.js';
import { ScriptNames } from '../index/words.js';

const OWN = 1;
const OWN_LETTERS = 2;

/** Points a character of a script the session does not use loses. */
export const OTHER_SCRIPT = -6;

/** Scripts everyone's: their letters are the ones an English speaker names; their other characters are no one's in particular. */
const ALWAYS_LETTERS = ['Latin', 'Greek', 'Cyrillic'];
const ALWAYS = ['Common', 'Inherited', 'Unknown'];
const CAT = 0x1f408;

export interface ScriptPrior {
  /** Points to add for entry i (0 or OTHER_SCRIPT). */
  pointsOf(i: number): number;
}

/** No character loses points: every script is the session's, or there is nothing to order. */
export const NO_SCRIPT_PRIOR: ScriptPrior = { pointsOf: () => 0 };

interface ScriptTables {
  names: ScriptNames;
  /** Script ids always the session's, for letters and marks / for every character. */
  alwaysLetters: number[];
  always: number[];
  /** Per general category id: a letter or a mark. */
  letterOrMark: boolean[];
  /** The scripts whose names hold each word (`arabic` → Arabic, `south` → Old_South_Arabian). */
  byWord: Map<string, number[]>;
  /** The script of each language's CLDR names, found when first asked (-1: none). */
  ofLanguage: Map<number, number>;
  /** The priors made, by languages and the scripts named (see REMEMBERED_PRIORS). */
  remembered: Map<string, ScriptPrior>;
}

/**
 * A prior depends on the session's languages and the scripts the query's
 * words name only, so it is remembered by them: made afresh, a table per
 * script and a pass over it were 2% of the diverse bench's engine time. At
 * most this many are kept (a client cycling through `/lang` values and
 * script words makes the rest afresh; a prior is a table of 170 bytes and
 * a closure).
 */
const REMEMBERED_PRIORS = 1024;

const tables = new WeakMap<CharIndex, ScriptTables>();

function tablesOf(index: CharIndex): ScriptTables {
  let found = tables.get(index);
  if (!found) {
    const scripts = index.header.scripts;
    const byWord = new Map<string, number[]>();
    const names = new ScriptNames(scripts);
    scripts.forEach((_, id) => {
      for (const word of names.wordsOf(id)) byWord.set(word, [...(byWord.get(word) ?? []), id]);
    });
    found = {
      names,
      alwaysLetters: ALWAYS_LETTERS.map((name) => scripts.indexOf(name)).filter((id) => id >= 0),
      always: ALWAYS.map((name) => scripts.indexOf(name)).filter((id) => id >= 0),
      letterOrMark: index.header.categories.map((category) => /^[LM]/.test(category)),
      byWord,
      ofLanguage: new Map(),
      remembered: new Map(),
    };
    tables.set(index, found);
  }
  return found;
}

function languageScript(index: CharIndex, known: ScriptTables, language: number): number {
  let script = known.ofLanguage.get(language);
  if (script === undefined) {
    const cat = index.indexOf(CAT);
    const shortName = cat >= 0 ? index.shortName(cat, language) : null;
    const letter = shortName === null ? undefined : [...shortName].find((ch) => /\p{L}/u.test(ch));
    const entry = letter === undefined ? -1 : index.indexOf(letter.codePointAt(0)!);
    script = entry >= 0 ? index.scriptId(entry) : -1;
    known.ofLanguage.set(language, script);
  }
  return script;
}

/** Whether a word is a word of some script's name (`arabic`, `south` of Old_South_Arabian). */
export function isScriptWord(index: CharIndex, word: string): boolean {
  return tablesOf(index).byWord.has(word);
}

/** The script names of an index as name words (see words.ts). */
export function scriptNames(index: CharIndex): ScriptNames {
  return tablesOf(index).names;
}

/** The prior for a query of these words, in a session of these language ids (English aside). */
export function scriptPrior(index: CharIndex, queryWords: readonly string[], languages: readonly number[]): ScriptPrior {
  const known = tablesOf(index);
  let named: number[] | null = null;
  for (const word of queryWords) {
    const ids = known.byWord.get(word);
    if (ids) (named ??= []).push(...ids);
  }
  const key = named === null ? languages.join(',') : `${languages.join(',')} ${[...new Set(named)].sort((a, b) => a - b).join(',')}`;
  let prior = known.remembered.get(key);
  if (prior === undefined) {
    prior = madePrior(index, known, queryWords, languages);
    if (known.remembered.size < REMEMBERED_PRIORS) known.remembered.set(key, prior);
  }
  return prior;
}

function madePrior(index: CharIndex, known: ScriptTables, queryWords: readonly string[], languages: readonly number[]): ScriptPrior {
  // Per script id: OWN when all its characters are the session's, OWN_LETTERS when its letters and marks are.
  const own = new Uint8Array(index.header.scripts.length);
  const mark = (id: number, bits: number) => {
    if (id >= 0) own[id] |= bits;
  };
  for (const id of known.always) mark(id, OWN | OWN_LETTERS);
  for (const language of languages) mark(languageScript(index, known, language), OWN | OWN_LETTERS);
  for (const word of queryWords) for (const id of known.byWord.get(word) ?? []) mark(id, OWN | OWN_LETTERS);
  if (own.every((bits) => (bits & OWN) !== 0)) return NO_SCRIPT_PRIOR;
  for (const id of known.alwaysLetters) mark(id, OWN_LETTERS);
  const { letterOrMark } = known;
  return {
    pointsOf: (i) => ((own[index.scriptId(i)] & (letterOrMark[index.categoryId(i)] ? OWN_LETTERS : OWN)) !== 0 ? 0 : OTHER_SCRIPT),
  };
}
