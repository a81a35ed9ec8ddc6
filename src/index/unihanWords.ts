/**
 * Ideographs by meaning and reading: the words of Unihan's English
 * definitions and the ideographs' readings, one vocabulary whose entries are
 * (char, field) packed like keywords' (char, language) — see taggedChars.ts —
 * so a hit can say which field matched (`[def: water]`, `[pinyin: shuǐ]`).
 *
 * Readings are filed under a key a keyboard can type: Latin letters without
 * their tone marks or a trailing tone digit (shuǐ, shui3 → shui; seoi2 →
 * seoi), lower case (MIZU → mizu), katakana as hiragana (スイ → すい); hangul
 * and kana otherwise as they are (수, みず). The query's word gets the same
 * key, so `shui`, `shuǐ` and `shui3` all find 水. The build and the search
 * share these functions, so both agree on what a reading's key is.
 *
 * An entry's tag is the field and which of its key's spellings the char has
 * (shui: shuǐ, shuì, shuí…), so a match is explained from the vocabulary
 * alone: reading Unihan records to explain `sh*`'s 5,000 ideographs took
 * 250 ms where this takes a few.
 */
import { uint32View } from './artefact.js';
import type { UnihanField } from './charProperties.js';
import { DensePostings, Vocabulary } from './vocabulary.js';
import { textWords } from './words.js';

/** The Unihan fields searched, in tag order (a tag is a position here), with the label a match is shown under. */
export const UNIHAN_SOURCES: readonly { field: UnihanField; label: string }[] = [
  { field: 'kDefinition', label: 'def' },
  { field: 'kMandarin', label: 'pinyin' },
  { field: 'kCantonese', label: 'cantonese' },
  { field: 'kJapanese', label: 'japanese' },
  { field: 'kJapaneseOn', label: 'on' },
  { field: 'kJapaneseKun', label: 'kun' },
  { field: 'kKorean', label: 'korean' },
  { field: 'kHangul', label: 'hangul' },
];

export const DEFINITION_FIELD = 0;

/** Spellings a key may have, per tag: 8 fields × 32 fit a tag's byte. The last means "not kept" (shown as the key). */
const FORMS_PER_FIELD = 32;
export const UNKNOWN_FORM = FORMS_PER_FIELD - 1;

export function unihanTag(field: number, form: number): number {
  return field * FORMS_PER_FIELD + Math.min(form, UNKNOWN_FORM);
}

/** The field (a position in UNIHAN_SOURCES) of an entry's tag. */
export function tagField(tag: number): number {
  return Math.floor(tag / FORMS_PER_FIELD);
}

/** Which of its key's spellings (UnihanWords.spellings) an entry's tag names; UNKNOWN_FORM for one not kept. */
export function tagForm(tag: number): number {
  return tag % FORMS_PER_FIELD;
}

/** Separates a key's spellings in the forms section (no reading or definition word holds a tab). */
export const FORM_SEPARATOR = '\t';

/** Section names, shared with the build. */
export const UNIHAN_SECTIONS = ['unihanVocabulary', 'unihanVocabularyOffsets', 'unihanVocabularySlots', 'unihanPostingStarts', 'unihanPostings', 'unihanForms', 'unihanFormOffsets'] as const;

/**
 * Words of a definition left unfiled: the 19 commonest in kDefinition are
 * these, on 1,000–4,700 ideographs each (`a` on 4,665). Filed, `a` or `to`
 * would add thousands of ideographs to every such query and its cost, and
 * find nothing anyone looks for. `cant` is the `(Cant.)` of Cantonese usages.
 */
const DEFINITION_STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'or', 'and', 'be', 'is', 's', 'cant']);

/** `same as U+6C34`: the code point is no word of the meaning. */
const CODE_POINT_REFERENCE = /U\+[0-9A-F]{4,6}/g;

/** The items of one field's value, as they are shown: definition words, or the readings (hangul without Unihan's `:0E` source tags). */
export function unihanItems(field: number, value: string): string[] {
  if (field === DEFINITION_FIELD) return textWords(value.replace(CODE_POINT_REFERENCE, ' ')).filter((word) => !DEFINITION_STOP_WORDS.has(word));
  return value
    .split(/\s+/)
    .map((reading) => reading.replace(/:.*$/, '').toLowerCase())
    .filter((reading) => reading.length > 0);
}

const LATIN = /^[\p{Script=Latin}\p{M}\p{N}]+$/u;
const TONE_DIGIT = /(\p{L})[1-6]$/u;
const KATAKANA = /[\u30a1-\u30f6]/g;

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_LATIN = /^[a-z0-9]+$/;
const ASCII_TONE_DIGIT = /([a-z])[1-6]$/;

/** The key a word or reading is filed and looked up under (see the top of this file); '' for none. */
export function readingKey(word: string): string {
  // Most query words are lower-case ASCII letters and digits: their key is the word, less a tone digit after a letter,
  // read without a regular expression (three of them were a tenth of a new word's look-ups).
  let letters = true;
  for (let k = 0; k < word.length && letters; k++) {
    const unit = word.charCodeAt(k);
    letters = (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39);
  }
  if (letters) {
    const last = word.charCodeAt(word.length - 1);
    const before = word.charCodeAt(word.length - 2);
    return last >= 0x31 && last <= 0x36 && before >= 0x61 && before <= 0x7a ? word.slice(0, -1) : word;
  }
  // Other ASCII: the same key without normalizing twice (ASCII letters are Latin, digits \p{N}, the rest Common).
  if (ASCII.test(word)) {
    const lower = word.toLowerCase();
    return ASCII_LATIN.test(lower) ? lower.replace(ASCII_TONE_DIGIT, '$1') : lower;
  }
  const lower = word.normalize('NFC').toLowerCase();
  if (LATIN.test(lower)) return lower.normalize('NFD').replace(/\p{M}/gu, '').replace(TONE_DIGIT, '$1');
  return lower.replace(KATAKANA, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60));
}

/** The Unihan vocabulary of a loaded index: keys → (char, field) entries, ascending. */
export class UnihanWords {
  private readonly vocabulary: Vocabulary;
  private readonly forms: Buffer;
  private readonly formOffsets: Uint32Array;

  constructor(section: (name: string) => Buffer) {
    const [words, offsets, slots, starts, entries, forms, formOffsets] = UNIHAN_SECTIONS.map(section);
    this.vocabulary = new Vocabulary(words, uint32View(offsets), [new DensePostings(uint32View(starts), uint32View(entries))], uint32View(slots));
    this.forms = forms;
    this.formOffsets = uint32View(formOffsets);
  }

  /** How Unihan spells a vocabulary key (as readingKey gives it), by form: `shui` → shuǐ, shuì, shuí…; [] for a key it lacks. */
  spellings(key: string): string[] {
    const id = this.vocabulary.id(key);
    return id < 0 ? [] : this.forms.toString('utf8', this.formOffsets[id], this.formOffsets[id + 1]).split(FORM_SEPARATOR);
  }

  /** Entries of the ideographs having `word` (a query word, keyed here) as a definition word or reading. */
  postings(word: string): Uint32Array {
    const key = readingKey(word);
    return this.vocabulary.postings(0, key === '' ? -1 : this.vocabulary.id(key));
  }

  /** The keys that start with `prefix` (keyed here), with their lists. */
  postingsWithPrefix(prefix: string): { word: (k: number) => string; count: number; entries: Uint32Array; postings: (k: number) => Uint32Array } {
    const key = readingKey(prefix);
    const { first, end } = key === '' ? { first: 0, end: 0 } : this.vocabulary.prefixRange(key);
    return { count: end - first, entries: this.vocabulary.entriesBetween(0, first, end), word: (k) => this.vocabulary.word(first + k), postings: (k) => this.vocabulary.postings(0, first + k) };
  }
}
