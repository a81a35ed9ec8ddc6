/**
 * The in-memory index every connection shares: loaded from the artefact in
 * one read, its tables are views over that one buffer. It knows Unicode and
 * nothing of sockets.
 */
import { readArtefact, uint16View, uint32View } from './artefact.js';
import { FLAG_EMOJI, NO_BLOCK, type IndexHeader } from './header.js';
import { codePointLabel, unnamedCategory } from './labels.js';
import { DEFAULT_INDEX_PATH } from './paths.js';
import { contains, intersect } from './postings.js';
import { nameWords } from './words.js';
import { displayForm, formatCodePoint } from '../protocol/display.js';

const NAME_COLUMN = 2;
const EMPTY = new Uint32Array(0);

export interface CharDetails {
  name: string;
  block: string;
  category: string;
  /** The Unicode version that added it; null for code points the index does not hold. */
  age: string | null;
  script: string;
}

export interface Alias {
  alias: string;
  type: string;
}

export class CharIndex {
  readonly header: IndexHeader;
  readonly loadMilliseconds: number;
  private readonly codePoints: Uint32Array;
  private readonly lineOffsets: Uint32Array;
  private readonly lines: Buffer;
  private readonly blockIds: Uint16Array;
  private readonly categoryIds: Uint8Array;
  private readonly scriptIds: Uint8Array;
  private readonly ageIds: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly vocabulary: Buffer;
  private readonly vocabularyOffsets: Uint32Array;
  private readonly postingStarts: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly aliasPostingStarts: Uint32Array;
  private readonly aliasPostings: Uint32Array;
  private aliasTable: Map<number, Alias[]> | undefined;

  static load(path: string = DEFAULT_INDEX_PATH): CharIndex {
    return new CharIndex(path);
  }

  private constructor(path: string) {
    const started = performance.now();
    const file = readArtefact<IndexHeader>(path);
    this.header = file.header;
    this.codePoints = uint32View(file.section('codePoints'));
    this.lineOffsets = uint32View(file.section('lineOffsets'));
    this.lines = file.section('lines');
    this.blockIds = uint16View(file.section('blockIds'));
    this.categoryIds = file.section('categoryIds');
    this.scriptIds = file.section('scriptIds');
    this.ageIds = file.section('ageIds');
    this.flags = file.section('flags');
    this.vocabulary = file.section('vocabulary');
    this.vocabularyOffsets = uint32View(file.section('vocabularyOffsets'));
    this.postingStarts = uint32View(file.section('postingStarts'));
    this.postings = uint32View(file.section('postings'));
    this.aliasPostingStarts = uint32View(file.section('aliasPostingStarts'));
    this.aliasPostings = uint32View(file.section('aliasPostings'));
    this.loadMilliseconds = performance.now() - started;
  }

  get size(): number {
    return this.codePoints.length;
  }

  codePoint(i: number): number {
    return this.codePoints[i];
  }

  /** The char index of a code point, or -1 when the index has no such character. */
  indexOf(cp: number): number {
    let low = 0;
    let high = this.codePoints.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.codePoints[mid] < cp) low = mid + 1;
      else high = mid;
    }
    return low < this.codePoints.length && this.codePoints[low] === cp ? low : -1;
  }

  /** The pre-encoded result line `U+…\t…\tNAME\r\n`, a view into the shared buffer. */
  line(i: number): Buffer {
    return this.lines.subarray(this.lineOffsets[i], this.lineOffsets[i + 1]);
  }

  /** The bytes of the result lines of chars first … end-1 (consecutive in the buffer). */
  lineRun(first: number, end: number): Buffer {
    return this.lines.subarray(this.lineOffsets[first], this.lineOffsets[end]);
  }

  /** Bytes from the start of char first's line to the end of char last's. */
  runBytes(first: number, last: number): number {
    return this.lineOffsets[last + 1] - this.lineOffsets[first];
  }

  name(i: number): string {
    const text = this.lines.toString('utf8', this.lineOffsets[i], this.lineOffsets[i + 1] - 2);
    return text.split('\t')[NAME_COLUMN];
  }

  category(i: number): string {
    return this.header.categories[this.categoryIds[i]];
  }

  block(i: number): string {
    const id = this.blockIds[i];
    return id === NO_BLOCK ? 'No_Block' : this.header.blocks[id].name;
  }

  script(i: number): string {
    return this.header.scripts[this.scriptIds[i]] ?? 'Unknown';
  }

  age(i: number): string {
    return this.header.ages[this.ageIds[i]] ?? 'unassigned';
  }

  isEmoji(i: number): boolean {
    return (this.flags[i] & FLAG_EMOJI) !== 0;
  }

  aliases(i: number): Alias[] {
    if (!this.aliasTable) {
      this.aliasTable = new Map();
      for (const [charIndex, alias, type] of this.header.aliases) {
        if (!this.aliasTable.has(charIndex)) this.aliasTable.set(charIndex, []);
        this.aliasTable.get(charIndex)!.push({ alias, type });
      }
    }
    return this.aliasTable.get(i) ?? [];
  }

  /** The vocabulary id of a lower-case word, or -1. */
  private wordId(word: string): number {
    const target = Buffer.from(word, 'utf8');
    const offsets = this.vocabularyOffsets;
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      // compare() orders the vocabulary's slice against the target, byte by byte, without copying.
      const order = this.vocabulary.compare(target, 0, target.length, offsets[mid], offsets[mid + 1]);
      if (order === 0) return mid;
      if (order < 0) low = mid + 1;
      else high = mid;
    }
    return -1;
  }

  /** The vocabulary word with the given id. */
  word(id: number): string {
    return this.vocabulary.toString('utf8', this.vocabularyOffsets[id], this.vocabularyOffsets[id + 1]);
  }

  get vocabularySize(): number {
    return this.vocabularyOffsets.length - 1;
  }

  /** Chars having `word` in their name or in one of their formal aliases. */
  charsWithWord(word: string): Uint32Array {
    const id = this.wordId(word);
    return id < 0 ? EMPTY : this.postings.subarray(this.postingStarts[id], this.postingStarts[id + 1]);
  }

  /** Chars having `word` in a formal alias but not in their name. */
  private charsWithAliasWord(word: string): Uint32Array {
    const id = this.wordId(word);
    return id < 0 ? EMPTY : this.aliasPostings.subarray(this.aliasPostingStarts[id], this.aliasPostingStarts[id + 1]);
  }

  /** Chars (ascending char indices) whose name or aliases hold every one of `words` (lower case). */
  search(words: readonly string[]): Uint32Array {
    if (words.length === 0) return EMPTY;
    return intersect([...new Set(words)].map((word) => this.charsWithWord(word)));
  }

  /** Chars that hold one of `words` only in an alias (ascending): their matches are owed to the alias. */
  charsMatchedByAlias(words: readonly string[]): Uint32Array {
    const lists = [...new Set(words)].map((word) => this.charsWithAliasWord(word)).filter((list) => list.length > 0);
    if (lists.length === 0) return EMPTY;
    if (lists.length === 1) return lists[0];
    return Uint32Array.from(new Set(lists.flatMap((list) => [...list]))).sort();
  }

  /**
   * Why char i matched `words`: null when its name alone holds them all,
   * otherwise the alias that supplied a word the name lacks.
   */
  matchingAlias(i: number, words: readonly string[]): string | null {
    const fromAlias = words.filter((word) => contains(this.charsWithAliasWord(word), i));
    if (fromAlias.length === 0) return null;
    const aliases = this.aliases(i);
    const best = aliases.find(({ alias }) => {
      const own = nameWords(alias);
      return fromAlias.every((word) => own.includes(word));
    });
    return (best ?? aliases[0]).alias;
  }

  /** What JSON replies say of any code point, named or not. */
  details(cp: number): CharDetails {
    const i = this.indexOf(cp);
    if (i >= 0) return { name: this.name(i), block: this.block(i), category: this.category(i), age: this.age(i), script: this.script(i) };
    const category = unnamedCategory(cp);
    const block = this.header.blocks.find((b) => b.first <= cp && cp <= b.last)?.name ?? 'No_Block';
    return { name: codePointLabel(cp, category), block, category, age: null, script: 'Unknown' };
  }

  /** The result line of any code point, named or not (labels for the unnamed). */
  describe(cp: number): Buffer {
    const i = this.indexOf(cp);
    if (i >= 0) return this.line(i);
    const category = unnamedCategory(cp);
    return Buffer.from(`${formatCodePoint(cp)}\t${displayForm(cp, category)}\t${codePointLabel(cp, category)}\r\n`, 'utf8');
  }
}
