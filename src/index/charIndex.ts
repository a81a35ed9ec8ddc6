/**
 * The in-memory index every connection shares: loaded from the artefact in
 * one read, its tables are views over that one buffer. It knows Unicode and
 * nothing of sockets.
 *
 * Each word of a character is filed under the first source that has it:
 * its name, a formal alias (NameAliases), an informal alias (NamesList `=`),
 * or a CLDR keyword or short name (tagged with its language). Ideographs
 * also have the words of their Unihan definition and their readings, in a
 * vocabulary of their own (unihanWords.ts).
 *
 * An entry is a code point or a sequence. Entries 0 … size-1 are the code
 * points, in code point order; entries size … entryCount-1 are the emoji and
 * named sequences (🇫🇷, 👍🏽, KEYCAP: 1), in the order of their code points.
 * Both kinds have the same per-entry tables, pre-encoded lines and posting
 * lists, so a search finds a sequence like a character.
 */
import { aliasRange, aliasText, readAliasSections, type AliasSections } from './aliasRows.js';
import { readArtefact, readArtefactAhead, uint16View, uint32View, type ArtefactFile, type PagedSection } from './artefact.js';
import { CharProperties } from './charProperties.js';
import { FLAG_EMOJI, FLAG_EMOJI_PRESENTATION, INDEX_FORMAT, NO_BLOCK, type IndexHeader } from './header.js';
import { codePointLabel, unnamedCategory } from './labels.js';
import { DEFAULT_INDEX_PATH } from './paths.js';
import { GENERIC_NAME_ENDINGS, PHRASE_CLDR, PHRASE_INFORMAL_ALIAS, PHRASE_NAME, PHRASE_NAME_GENERIC, phraseHash } from './phrases.js';
import { contains, filter, intersect, lowerBound } from './postings.js';
import { EMPTY_VARIANTS, VARIANT_ID_MASK, VARIANT_IN_KEYWORDS } from './variants.js';
import { SuggestionTable, type SuggestionSections } from './suggestions.js';
import { EmoticonTable } from './emoticons.js';
import { entryChar, entryTag, packEntry } from './taggedChars.js';
import { UNIHAN_SECTIONS, UnihanWords } from './unihanWords.js';
import { Priors, type PriorEvidence, type PriorWeights } from './priors.js';
import { DensePostings, SparsePostings, Vocabulary } from './vocabulary.js';
import { FoldedWords } from './folding.js';
import { isNameSeparator, nameWords, textWords } from './words.js';
import { allowLateAssigned, displayForm, formatCodePoint } from './display.js';

const CRLF_BYTES = 2;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const COLON = 0x3a;
const COMMA = 0x2c;
/** Unicode names are written in A–Z, 0–9, space and hyphen. */
const ASCII_NAME_WORD = /^[a-z0-9]+$/;

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

/** Where a word of a character comes from. */
export type WordSource = 'name' | 'alias' | 'informal-alias' | 'keyword' | 'unihan';

/** Posting lists of the name vocabulary, in section order. */
const NAME_LIST = 0;
const ALIAS_LIST = 1;
const INFORMAL_LIST = 2;

/** The words a prefix stands for in one source: `count` of them, and `entries`, their lists back to back (one view, neither sorted nor distinct). */
export interface PrefixExpansion {
  count: number;
  entries: Uint32Array;
  word: (k: number) => string;
  postings: (k: number) => Uint32Array;
}

/** A phrase that is exactly one of a character's names. */
export interface ExactMatch {
  char: number;
  /** PHRASE_* (see phrases.ts); PHRASE_CLDR + language id for a CLDR short name. */
  source: number;
}

/**
 * The sections the constructor reads, which CharIndex.open reads ahead; the
 * others are read when first asked (CLDR short names and keyword texts,
 * /info's tables, emoticons, folding). index.test.ts checks the list: a
 * section it lacks would be read on the main thread, one it has that the
 * constructor does not take would be read for nothing.
 */
export const SECTIONS_READ_AT_LOAD: readonly string[] = [
  'codePoints', 'sequenceStarts', 'sequenceCodePoints', 'sequenceKinds', 'lineOffsets', 'displayStarts', 'nameStarts',
  'blockIds', 'categoryIds', 'scriptIds', 'ageIds', 'flags', 'priorFeatures', 'priorLevels', 'nameWordCounts', 'contentWordCounts',
  'aliasPostingIds', 'aliasPostingStarts', 'aliasPostings',
  'informalPostingIds', 'informalPostingStarts', 'informalPostings', 'keywordWholeBits', ...UNIHAN_SECTIONS, 'phraseBuckets',
  'suggestWords', 'suggestWordOffsets', 'suggestWeights', 'suggestFlags',
];

/**
 * The big tables of which a query reads a few places: the result lines, the
 * name and keyword vocabularies (their words, hash tables and posting lists),
 * the phrases' entries (34 MB of the 43 MB the server would read at start). The server pages them in (artefact.ts):
 * a query reads what it asks for, 64 KB at a time, the first time any query
 * does; load() reads them whole. index.test.ts checks this list beside the
 * other.
 */
export const SECTIONS_PAGED_AT_LOAD: readonly string[] = [
  'lines', 'nameVocabulary', 'nameVocabularyOffsets', 'nameVocabularySlots', 'namePostingStarts', 'namePostings',
  'keywordVocabulary', 'keywordVocabularyOffsets', 'keywordVocabularySlots', 'keywordPostingStarts', 'keywordPostings', 'phraseHashes', 'phraseEntries',
  'mergedListStarts', 'mergedListEntries', 'mergedListVariantWork',
];

/**
 * What the build merged for a word of the vocabularies with variants, in
 * `/match all` without verb forms (ucd/mergedLists.ts; search/hits.ts reads
 * it in place of the variants' lists and their unions). Views of the index.
 */
export interface MergedWordLists {
  /** Name, alias, informal alias and keyword lists, each the union over the word and the variants it keeps. */
  name: Uint32Array;
  alias: Uint32Array;
  informal: Uint32Array;
  keyword: Uint32Array;
  /** The chars it matches as typed or spelt otherwise; empty when every variant it keeps is a spelling (its `typed` is then all it matches). */
  typed: Uint32Array;
  /** The entries of the variants' lists read for each of the four sources, as charged before the merged list (search/budget.ts). */
  variantWork: Uint32Array;
}

/** A merged record's lists, in mergedListStarts' order. */
const MERGED_LISTS = 5;

export class CharIndex {
  readonly header: IndexHeader;
  readonly loadMilliseconds: number;
  readonly suggestions: SuggestionTable;
  private readonly codePoints: Uint32Array;
  private readonly sequenceStarts: Uint32Array;
  private readonly sequenceCodePoints: Uint32Array;
  private readonly sequenceKindIds: Uint8Array;
  /** Sequence entries by their code points without U+FE0F, made when first asked. */
  private sequenceTable: Map<string, number> | undefined;
  /** Per entry: the skin tones it holds (bits 1…5) and HAS_TONE_VARIANTS; made when a `tone:` filter first asks. */
  private toneTable: Uint8Array | undefined;
  private readonly lineOffsets: Uint32Array;
  private readonly lines: Buffer;
  /** The paged sections (see SECTIONS_PAGED_AT_LOAD), whose bytes are read when asked for until they are whole. */
  private readonly linesRead: PagedSection;
  private readonly keywordPostingStartsRead: PagedSection;
  private readonly keywordPostingsRead: PagedSection;
  private readonly phraseEntriesRead: PagedSection;
  /** Per entry: where its display and name columns start in its line. */
  private readonly displayStarts: Uint8Array;
  private readonly nameStarts: Uint8Array;
  private readonly blockIds: Uint16Array;
  private readonly categoryIds: Uint8Array;
  private readonly scriptIds: Uint8Array;
  private readonly ageIds: Uint8Array;
  private readonly flags: Uint8Array;
  /** Per entry: how likely it is the one meant, before the query is seen (see priors.ts). */
  private priors: Priors;
  private readonly priorEvidence: PriorEvidence;
  private readonly nameVocabulary: Vocabulary;
  private readonly keywordVocabulary: Vocabulary;
  private readonly keywordPostingStarts: Uint32Array;
  private readonly keywordPostings: Uint32Array;
  /** Per keyword posting entry, one bit: the word is a whole keyword or short name of that (char, language), not a word of a longer one. */
  private readonly keywordWholeBits: Uint8Array;
  /** Ideographs by Unihan definition word and reading. */
  readonly unihan: UnihanWords;
  private readonly nameWordCounts: Uint8Array;
  private readonly contentWordCounts: Uint8Array;
  /** CLDR short names, read from the file when first needed. */
  private shortNameTable: { keys: Uint32Array; offsets: Uint32Array; texts: Buffer } | undefined;
  private readonly readSection: (name: string) => Buffer;
  private variantTable: { keys: Uint32Array; starts: Uint32Array; entries: Uint32Array } | null | undefined;
  /** The variant table's row of the word last asked about (storedVariants, then mergedLists, for one query word). */
  private lastVariantWord: string | null = null;
  private lastVariantRow = -1;
  /** By the variant table's rows (ucd/mergedLists.ts); null in an index built without them (the build's first pass). */
  private readonly merged: { starts: Uint32Array; entries: Uint32Array; variantWork: Uint32Array; startsRead: PagedSection; entriesRead: PagedSection; variantWorkRead: PagedSection } | null;
  private readonly file: ArtefactFile<IndexHeader>;
  private propertyTables: CharProperties | undefined;
  private readonly phraseHashesRead: PagedSection;
  private readonly phraseHashes: Uint32Array;
  /** Where the phrase hashes of each top 16 bits start (firstPhraseAt). */
  private readonly phraseBuckets: Uint32Array;
  private readonly phraseEntries: Uint32Array;
  /** Read when first asked (aliasRows.ts); an entry's aliases are kept once asked. */
  private aliasSections: AliasSections | undefined;
  private informalAliasSections: AliasSections | undefined;
  private readonly aliasTable = new Map<number, Alias[]>();
  private readonly informalAliasTable = new Map<number, string[]>();
  private languageIds: Map<string, number> | undefined;
  private readonly annotatedChars = new Map<number, Uint32Array>();
  private emoticonTable: EmoticonTable | undefined;
  /** Folding: the words each folded word stands for, and the data's synonyms; made when first asked (see folding.ts). */
  private foldingTables: { names: FoldedWords; keywords: FoldedWords; synonyms: Map<string, string[]> } | null | undefined;

  /** Reads the index now, on this thread (the CLI's find and info, tests, scripts). */
  static load(path: string = DEFAULT_INDEX_PATH): CharIndex {
    const started = performance.now();
    return new CharIndex(path, readArtefact<IndexHeader>(path), started);
  }

  /** Reads the index in the thread pool, the sections it needs at once all together, leaving this thread free meanwhile (the server's start). */
  static async open(path: string = DEFAULT_INDEX_PATH): Promise<CharIndex> {
    const started = performance.now();
    return new CharIndex(path, await readArtefactAhead<IndexHeader>(path, SECTIONS_READ_AT_LOAD, SECTIONS_PAGED_AT_LOAD), started);
  }

  private constructor(path: string, file: ArtefactFile<IndexHeader>, started: number) {
    if (file.header.format !== INDEX_FORMAT) throw new Error(`${path} is an index of format ${file.header.format}, this program reads format ${INDEX_FORMAT}: rebuild it with 'charfinder build-index'`);
    const u32 = (name: string) => uint32View(file.section(name));
    this.header = file.header;
    allowLateAssigned(file.header.lateAssigned);
    this.codePoints = u32('codePoints');
    this.sequenceStarts = u32('sequenceStarts');
    this.sequenceCodePoints = u32('sequenceCodePoints');
    this.sequenceKindIds = file.section('sequenceKinds');
    this.lineOffsets = u32('lineOffsets');
    this.linesRead = file.pagedSection('lines');
    this.lines = this.linesRead.bytes;
    this.displayStarts = file.section('displayStarts');
    this.nameStarts = file.section('nameStarts');
    this.blockIds = uint16View(file.section('blockIds'));
    this.categoryIds = file.section('categoryIds');
    this.scriptIds = file.section('scriptIds');
    this.ageIds = file.section('ageIds');
    this.flags = file.section('flags');
    this.priorEvidence = { features: uint16View(file.section('priorFeatures')), levels: file.section('priorLevels') };
    this.priors = new Priors(this.priorEvidence);
    this.nameWordCounts = file.section('nameWordCounts');
    this.contentWordCounts = file.section('contentWordCounts');
    const paged = (name: string) => file.pagedSection(name);
    this.nameVocabulary = Vocabulary.paged(paged('nameVocabulary'), paged('nameVocabularyOffsets'), [
      DensePostings.paged(paged('namePostingStarts'), paged('namePostings')),
      new SparsePostings(u32('aliasPostingIds'), u32('aliasPostingStarts'), u32('aliasPostings')),
      new SparsePostings(u32('informalPostingIds'), u32('informalPostingStarts'), u32('informalPostings')),
    ], paged('nameVocabularySlots'));
    this.keywordPostingStartsRead = paged('keywordPostingStarts');
    this.keywordPostingStarts = uint32View(this.keywordPostingStartsRead.bytes);
    this.keywordPostingsRead = paged('keywordPostings');
    this.keywordPostings = uint32View(this.keywordPostingsRead.bytes);
    this.keywordWholeBits = file.section('keywordWholeBits');
    this.keywordVocabulary = Vocabulary.paged(paged('keywordVocabulary'), paged('keywordVocabularyOffsets'), [
      new DensePostings(this.keywordPostingStarts, this.keywordPostings, this.keywordPostingStartsRead, this.keywordPostingsRead),
    ], paged('keywordVocabularySlots'));
    this.unihan = new UnihanWords((name) => file.section(name));
    this.merged = file.has('mergedListEntries') ? mergedListSections(paged('mergedListStarts'), paged('mergedListEntries'), paged('mergedListVariantWork')) : null;
    this.readSection = (name) => file.section(name);
    this.file = file;
    this.phraseHashesRead = paged('phraseHashes');
    this.phraseHashes = uint32View(this.phraseHashesRead.bytes);
    this.phraseBuckets = u32('phraseBuckets');
    this.phraseEntriesRead = paged('phraseEntries');
    this.phraseEntries = uint32View(this.phraseEntriesRead.bytes);
    // The deletion table (2.9 MB) is read when a query first asks for a suggestion or a typo test, not at start.
    let deletions: Pick<SuggestionSections, 'deletionStarts' | 'deletionWords'> | undefined;
    const deletionTable = () => (deletions ??= { deletionStarts: u32('deletionStarts'), deletionWords: u32('deletionWords') });
    this.suggestions = new SuggestionTable({
      words: file.section('suggestWords'),
      wordOffsets: u32('suggestWordOffsets'),
      weights: u32('suggestWeights'),
      flags: file.section('suggestFlags'),
      get deletionStarts() {
        return deletionTable().deletionStarts;
      },
      get deletionWords() {
        return deletionTable().deletionWords;
      },
    });
    this.loadMilliseconds = performance.now() - started;
  }

  /** Emoticons and their emoji (`:)` → 🙂 😃), read from the file when first needed. */
  get emoticons(): EmoticonTable {
    this.emoticonTable ??= new EmoticonTable({
      texts: this.readSection('emoticonTexts'),
      offsets: uint32View(this.readSection('emoticonOffsets')),
      entryStarts: uint32View(this.readSection('emoticonEntryStarts')),
      entries: uint32View(this.readSection('emoticonEntries')),
      kinds: this.readSection('emoticonKinds'),
    });
    return this.emoticonTable;
  }

  /** Code points in the index (the entries before the sequences). */
  get size(): number {
    return this.codePoints.length;
  }

  /** Entries in all: the code points, then the sequences. */
  get entryCount(): number {
    return this.lineOffsets.length - 1;
  }

  get sequenceCount(): number {
    return this.entryCount - this.size;
  }

  isSequence(i: number): boolean {
    return i >= this.codePoints.length;
  }

  /** Entry i's code point; for a sequence, its first one. */
  codePoint(i: number): number {
    return i < this.codePoints.length ? this.codePoints[i] : this.sequenceCodePoints[this.sequenceStarts[i - this.codePoints.length]];
  }

  /** Entry i's code points: one for a character, all of a sequence's. */
  codePointsOf(i: number): number[] {
    if (i < this.codePoints.length) return [this.codePoints[i]];
    const k = i - this.codePoints.length;
    return Array.from(this.sequenceCodePoints.subarray(this.sequenceStarts[k], this.sequenceStarts[k + 1]));
  }

  /** What kind of sequence entry i is (`flag`, `tag`, `keycap`, `modifier`, `zwj`, `named`), or null for a character. */
  sequenceKind(i: number): string | null {
    return i < this.codePoints.length ? null : this.header.sequenceKinds[this.sequenceKindIds[i - this.codePoints.length]];
  }

  /**
   * The sequence entry of these code points, or -1. U+FE0F does not matter:
   * pasted emoji often lack it (👁‍🗨) or carry one too many.
   */
  sequenceOf(codePoints: readonly number[]): number {
    if (codePoints.length < 2) return -1;
    if (!this.sequenceTable) {
      this.sequenceTable = new Map();
      for (let i = this.size; i < this.entryCount; i++) this.sequenceTable.set(sequenceKey(this.codePointsOf(i)), i);
    }
    return this.sequenceTable.get(sequenceKey(codePoints)) ?? -1;
  }

  /**
   * The skin tones of entry i as bits (1 << 1 light … 1 << 5 dark; 0 for none),
   * and HAS_TONE_VARIANTS when it is the toneless form of sequences that have
   * them (👍 for 👍🏻…👍🏿, 🧑‍🤝‍🧑 for 🧑🏻‍🤝‍🧑🏿…).
   */
  skinTones(i: number): number {
    if (!this.toneTable) {
      const table = new Uint8Array(this.entryCount);
      for (let entry = this.size; entry < this.entryCount; entry++) {
        const codePoints = this.codePointsOf(entry);
        let tones = 0;
        for (const cp of codePoints) if (cp >= SKIN_TONE_FIRST && cp <= SKIN_TONE_LAST) tones |= 1 << (cp - SKIN_TONE_FIRST + 1);
        table[entry] |= tones;
        if (tones === 0) continue;
        const toneless = codePoints.filter((cp) => cp < SKIN_TONE_FIRST || cp > SKIN_TONE_LAST);
        const base = this.entryOf(toneless.length === 2 && toneless[1] === VARIATION_SELECTOR_16 ? toneless.slice(0, 1) : toneless);
        if (base >= 0) table[base] |= HAS_TONE_VARIANTS;
      }
      this.toneTable = table;
    }
    return this.toneTable[i];
  }

  /** The entry of one code point or of a sequence, or -1. */
  entryOf(codePoints: readonly number[]): number {
    return codePoints.length === 1 ? this.indexOf(codePoints[0]) : this.sequenceOf(codePoints);
  }

  /** The char index of a code point, or -1 when the index has no such character. */
  indexOf(cp: number): number {
    const at = lowerBound(this.codePoints, cp);
    return at < this.codePoints.length && this.codePoints[at] === cp ? at : -1;
  }

  /** Char indices first … end-1 are the index's characters from code point `firstCp` to `lastCp` (sequences not among them). */
  charRange(firstCp: number, lastCp: number): { first: number; end: number } {
    return { first: lowerBound(this.codePoints, firstCp), end: lowerBound(this.codePoints, lastCp + 1) };
  }

  /** The pre-encoded result line `U+…\t…\tNAME\r\n`, a view into the shared buffer. */
  line(i: number): Buffer {
    return this.lineBytes(this.lineOffsets[i], this.lineOffsets[i + 1]);
  }

  /** The bytes of the result lines of chars first … end-1 (consecutive in the buffer). */
  lineRun(first: number, end: number): Buffer {
    return this.lineBytes(this.lineOffsets[first], this.lineOffsets[end]);
  }

  /** Bytes from the start of char first's line to the end of char last's. */
  runBytes(first: number, last: number): number {
    return this.lineOffsets[last + 1] - this.lineOffsets[first];
  }

  /** Entry i's name, or for a code point without one its label (`<control-0007>`, `<reserved-0378>`). */
  name(i: number): string {
    const start = this.lineOffsets[i] + this.nameStarts[i];
    const end = this.lineOffsets[i + 1] - CRLF_BYTES;
    this.linesRead.fill(start, end);
    return this.lines.toString('utf8', start, end);
  }

  /** Bytes start … end of the result lines, read from the file first if they have not been yet. */
  private lineBytes(start: number, end: number): Buffer {
    this.linesRead.fill(start, end);
    return this.lines.subarray(start, end);
  }

  /** What entry i shows in the character column: the character, or a stand-in for the invisible (see display.ts). */
  display(i: number): string {
    const start = this.lineOffsets[i];
    this.linesRead.fill(start + this.displayStarts[i], start + this.nameStarts[i] - 1);
    return this.lines.toString('utf8', start + this.displayStarts[i], start + this.nameStarts[i] - 1);
  }

  category(i: number): string {
    return this.header.categories[this.categoryIds[i]];
  }

  categoryId(i: number): number {
    return this.categoryIds[i];
  }

  block(i: number): string {
    const id = this.blockIds[i];
    return id === NO_BLOCK ? 'No_Block' : this.header.blocks[id].name;
  }

  /** Position of char i's block in header.blocks, or NO_BLOCK. */
  blockId(i: number): number {
    return this.blockIds[i];
  }

  script(i: number): string {
    return this.header.scripts[this.scriptIds[i]] ?? 'Unknown';
  }

  scriptId(i: number): number {
    return this.scriptIds[i];
  }

  age(i: number): string {
    return this.header.ages[this.ageIds[i]] ?? 'unassigned';
  }

  ageId(i: number): number {
    return this.ageIds[i];
  }

  isEmoji(i: number): boolean {
    return (this.flags[i] & FLAG_EMOJI) !== 0;
  }

  /** Weighs the priors again with other points (the ranking's tuning script; the server keeps PRIOR_WEIGHTS). */
  reweighPriors(weights: PriorWeights): void {
    this.priors = new Priors(this.priorEvidence, weights);
  }

  /** Entry i's prior, in ranking points (priors.ts). */
  prior(i: number): number {
    return this.priors.of(i);
  }

  /** How many distinct words of entry i's name are not kind words (ALPHA of GREEK SMALL LETTER ALPHA; see words.ts). */
  contentWordCount(i: number): number {
    return this.contentWordCounts[i];
  }

  /**
   * The emoji form of a character shown as text by default: ❤ U+2764 → ❤️,
   * with U+FE0F (what an emoji keyboard types); null for every other entry.
   * Emoji without Emoji_Presentation, less the keycap bases # * 0–9, which
   * are plain text alone: the same set as RGI's basic emoji with U+FE0F.
   */
  emojiForm(i: number): string | null {
    if (i < 0 || i >= this.codePoints.length || (this.flags[i] & (FLAG_EMOJI | FLAG_EMOJI_PRESENTATION)) !== FLAG_EMOJI) return null;
    const cp = this.codePoints[i];
    return cp < 0x80 ? null : String.fromCodePoint(cp, VARIATION_SELECTOR_16);
  }

  aliases(i: number): Alias[] {
    this.aliasSections ??= readAliasSections('alias', this.readSection, true);
    const sections = this.aliasSections;
    return keptRows(this.aliasTable, sections, i, (k) => ({ alias: aliasText(sections, k), type: this.header.aliasTypes[sections.types![k]] }));
  }

  informalAliases(i: number): string[] {
    this.informalAliasSections ??= readAliasSections('informalAlias', this.readSection, false);
    const sections = this.informalAliasSections;
    return keptRows(this.informalAliasTable, sections, i, (k) => aliasText(sections, k));
  }

  /**
   * Chars whose `source` holds `word` (ascending). For 'keyword' the entries
   * are packed (char, language) pairs — see taggedChars.ts; for 'unihan',
   * (char, field) pairs, the field a position in UNIHAN_SOURCES.
   */
  postings(source: WordSource, word: string): Uint32Array {
    if (source === 'unihan') return this.unihan.postings(word);
    if (source === 'keyword') return this.keywordVocabulary.postings(0, this.keywordVocabulary.id(word));
    return this.nameVocabulary.postings(listOf(source), this.nameVocabulary.id(word));
  }

  /** The id of `word` in the keyword vocabulary, -1 for none: what keywordPostingsOf and wholeKeywordTestOf take, for a word looked up once. */
  keywordId(word: string): number {
    return this.keywordVocabulary.id(word);
  }

  /** The keyword entries of the word of keywordId `id`: postings('keyword', word) without looking the word up. */
  keywordPostingsOf(id: number): Uint32Array {
    return this.keywordVocabulary.postings(0, id);
  }

  /** The lists of `word` in names, formal aliases and informal aliases, from one lookup of their vocabulary. */
  namePostings(word: string): { name: Uint32Array; alias: Uint32Array; informal: Uint32Array } {
    const id = this.nameVocabulary.id(word);
    const vocabulary = this.nameVocabulary;
    return { name: vocabulary.postings(NAME_LIST, id), alias: vocabulary.postings(ALIAS_LIST, id), informal: vocabulary.postings(INFORMAL_LIST, id) };
  }

  /**
   * A test of whether `word` is a whole CLDR keyword or short name of a
   * (char, language) entry (`cat` of 🐈), rather than a word of a longer keyword
   * (`a` of `have a nice day`).
   */
  wholeKeywordTest(word: string): (entry: number) => boolean {
    return this.wholeKeywordTestOf(this.keywordVocabulary.id(word));
  }

  /** wholeKeywordTest of the word of keywordId `id`. */
  wholeKeywordTestOf(id: number): (entry: number) => boolean {
    if (id < 0) return () => false;
    this.keywordPostingStartsRead.fill(4 * id, 4 * id + 8);
    const first = this.keywordPostingStarts[id];
    this.keywordPostingsRead.fill(4 * first, 4 * this.keywordPostingStarts[id + 1]);
    const entries = this.keywordPostings.subarray(first, this.keywordPostingStarts[id + 1]);
    return (entry) => {
      const at = lowerBound(entries, entry);
      if (at >= entries.length || entries[at] !== entry) return false;
      const k = first + at;
      return (this.keywordWholeBits[k >> 3] & (1 << (k & 7))) !== 0;
    };
  }

  /** The words of `source` that start with `prefix`, with their posting lists and how many entries those hold together. */
  postingsWithPrefix(source: WordSource, prefix: string): PrefixExpansion {
    if (source === 'unihan') return this.unihan.postingsWithPrefix(prefix);
    const vocabulary = source === 'keyword' ? this.keywordVocabulary : this.nameVocabulary;
    const list = source === 'keyword' ? 0 : listOf(source);
    const { first, end } = vocabulary.prefixRange(prefix);
    return { count: end - first, entries: vocabulary.entriesBetween(list, first, end), word: (k) => vocabulary.word(first + k), postings: (k) => vocabulary.postings(list, first + k) };
  }

  // --- folding (index/folding.ts, search/expansions.ts) ---

  /**
   * The variants of a word of the vocabularies, as the build found them
   * (ucd/variantTable.ts, search/expansions.ts): packed entries, see
   * variantWord and variantRule; null for a word of no vocabulary, or an
   * index built without the table (the build's own first pass).
   */
  storedVariants(word: string): Uint32Array | null {
    const table = (this.variantTable ??= this.readVariantTable());
    if (table === null) return null;
    const row = this.variantRow(table, word);
    if (row === NO_WORD) return null;
    if (row < 0) return EMPTY_VARIANTS;
    return table.entries.subarray(table.starts[row], table.starts[row + 1]);
  }

  /**
   * A word's lists merged over the variants it keeps, as the build found
   * them (MergedWordLists), for a word with stored variants; null for any
   * other word, or an index built without them.
   */
  mergedLists(word: string): MergedWordLists | null {
    const { merged } = this;
    const table = (this.variantTable ??= this.readVariantTable());
    if (merged === null || table === null) return null;
    const row = this.variantRow(table, word);
    if (row < 0) return null;
    const { starts, entries, variantWork } = merged;
    const first = MERGED_LISTS * row;
    merged.startsRead.fill(4 * first, 4 * (first + MERGED_LISTS + 1));
    merged.entriesRead.fill(4 * starts[first], 4 * starts[first + MERGED_LISTS]);
    merged.variantWorkRead.fill(16 * row, 16 * row + 16);
    const list = (k: number) => entries.subarray(starts[first + k], starts[first + k + 1]);
    return { name: list(0), alias: list(1), informal: list(2), keyword: list(3), typed: list(4), variantWork: variantWork.subarray(4 * row, 4 * row + 4) };
  }

  /** The variant table's row of a word: -1 for a word of the vocabularies without variants, NO_WORD for a word of none. */
  private variantRow(table: { keys: Uint32Array }, word: string): number {
    if (word === this.lastVariantWord) return this.lastVariantRow;
    const key = this.vocabularyKey(this.variantEntryOf(word));
    let row = NO_WORD;
    if (key >= 0) {
      const at = lowerBound(table.keys, key);
      row = table.keys[at] === key ? at : -1;
    }
    this.lastVariantWord = word;
    this.lastVariantRow = row;
    return row;
  }

  /** A word's key among every vocabulary word (name words first, then keyword words), from its variant entry; -1 for none. */
  private vocabularyKey(entry: number): number {
    if (entry < 0) return -1;
    return (entry & VARIANT_IN_KEYWORDS) !== 0 ? this.nameVocabulary.size + (entry & VARIANT_ID_MASK) : entry;
  }

  /** The word of a stored variant entry. */
  variantWord(entry: number): string {
    const id = entry & VARIANT_ID_MASK;
    return (entry & VARIANT_IN_KEYWORDS) !== 0 ? this.keywordVocabulary.word(id) : this.nameVocabulary.word(id);
  }

  /** Every word of the name and keyword vocabularies, once (a word of both is a name word): for the build's variant table. */
  *vocabularyWords(): Generator<{ key: number; word: string }> {
    for (let id = 0; id < this.nameVocabulary.size; id++) yield { key: this.vocabularyKey(id), word: this.nameVocabulary.word(id) };
    for (let id = 0; id < this.keywordVocabulary.size; id++) {
      const word = this.keywordVocabulary.word(id);
      if (this.nameVocabulary.id(word) < 0) yield { key: this.vocabularyKey((VARIANT_IN_KEYWORDS | id) >>> 0), word };
    }
  }

  /** A word's entry as a variant: its vocabulary and id (VARIANT_… bits), or -1 for a word of neither. */
  variantEntryOf(word: string): number {
    const nameId = this.nameVocabulary.id(word);
    if (nameId >= 0) return nameId;
    const keywordId = this.keywordVocabulary.id(word);
    return keywordId >= 0 ? (VARIANT_IN_KEYWORDS | keywordId) >>> 0 : -1;
  }

  private readVariantTable(): { keys: Uint32Array; starts: Uint32Array; entries: Uint32Array } | null {
    if (!this.file.has('variantKeys')) return null;
    const u32 = (name: string) => uint32View(this.readSection(name));
    return { keys: u32('variantKeys'), starts: u32('variantStarts'), entries: u32('variantEntries') };
  }

  /** Whether a name or alias holds `word` (search/compounds.ts). */
  isNameWord(word: string): boolean {
    return this.nameVocabulary.id(word) >= 0;
  }

  /** Whether any source holds `word`. */
  holdsWord(word: string): boolean {
    return this.nameVocabulary.id(word) >= 0 || this.keywordVocabulary.id(word) >= 0;
  }

  /** The words of names, aliases and keywords that fold to `folded` (`tete` → tête), `folded` itself not among them. */
  unfoldedWords(folded: string): string[] {
    const tables = this.folding;
    return tables ? [...tables.names.unfold(folded), ...tables.keywords.unfold(folded)] : [];
  }

  /** The name words the data gives as re-spelt by `word` (`lambda` → lamda, `umlaut` → diaeresis). */
  wordSynonyms(word: string): readonly string[] {
    return this.folding?.synonyms.get(word) ?? [];
  }

  private get folding(): { names: FoldedWords; keywords: FoldedWords; synonyms: Map<string, string[]> } | null {
    if (this.foldingTables === undefined) {
      const header = this.header.folding;
      const u32 = (name: string) => uint32View(this.readSection(name));
      const table = (prefix: string, words: Vocabulary) =>
        new FoldedWords(new Vocabulary(this.readSection(`${prefix}Vocabulary`), u32(`${prefix}Offsets`), [new DensePostings(u32(`${prefix}Starts`), u32(`${prefix}Ids`))], u32(`${prefix}Slots`)), words);
      this.foldingTables = header ? { names: table('foldedName', this.nameVocabulary), keywords: table('foldedKeyword', this.keywordVocabulary), synonyms: new Map(header.synonyms) } : null;
    }
    return this.foldingTables;
  }

  // --- end of folding ---

  /** What JSON replies say of entry i (a sequence's block, script and category are its first code point's, its age its newest one's). */
  entryDetails(i: number): CharDetails {
    return { name: this.name(i), block: this.block(i), category: this.category(i), age: this.age(i), script: this.script(i) };
  }

  /** What JSON replies say of any code point, named or not. */
  details(cp: number): CharDetails {
    const i = this.indexOf(cp);
    if (i >= 0) return this.entryDetails(i);
    const category = unnamedCategory(cp);
    const block = this.header.blocks.find((b) => b.first <= cp && cp <= b.last)?.name ?? 'No_Block';
    return { name: codePointLabel(cp, category), block, category, age: null, script: 'Unknown' };
  }

  /** The properties only `/info` needs, read from the file when first asked for. */
  get properties(): CharProperties {
    if (!this.header.properties) throw new Error("this index has no character properties: rebuild it with 'charfinder build-index'");
    this.propertyTables ??= new CharProperties(this.header.properties, this.file);
    return this.propertyTables;
  }

  get languages(): readonly { tag: string; parent: string | null }[] {
    return this.header.languages;
  }

  /** The id of a CLDR language tag (any case, `_` or `-`), or -1. */
  languageId(tag: string): number {
    if (!this.languageIds) this.languageIds = new Map(this.header.languages.map(({ tag: known }, id) => [known.toLowerCase(), id]));
    return this.languageIds.get(tag.toLowerCase().replaceAll('_', '-')) ?? -1;
  }

  private get shortNameTexts(): { keys: Uint32Array; offsets: Uint32Array; texts: Buffer } {
    this.shortNameTable ??= {
      keys: uint32View(this.readSection('shortNameKeys')),
      offsets: uint32View(this.readSection('shortNameOffsets')),
      texts: this.readSection('shortNames'),
    };
    return this.shortNameTable;
  }

  /** Char i's own CLDR short name in a language (no inheritance), or null. */
  private ownShortName(i: number, language: number): string | null {
    const { keys, offsets, texts } = this.shortNameTexts;
    const key = packEntry(i, language);
    const at = lowerBound(keys, key);
    return keys[at] === key ? texts.toString('utf8', offsets[at], offsets[at + 1]) : null;
  }

  /** Char i's CLDR short name in a language, inherited from its parents (`pt-PT` → `pt`) when it has none of its own. */
  shortName(i: number, language: number): string | null {
    for (let id = language; id >= 0; ) {
      const text = this.ownShortName(i, id);
      if (text !== null) return text;
      const parent = this.header.languages[id].parent;
      id = parent === null ? -1 : this.languageId(parent);
    }
    return null;
  }

  /** Every CLDR short name of char i, with its language id. */
  shortNames(i: number): { language: number; text: string }[] {
    const { keys, offsets, texts } = this.shortNameTexts;
    const found: { language: number; text: string }[] = [];
    for (let at = lowerBound(keys, packEntry(i, 0)); at < keys.length && entryChar(keys[at]) === i; at++) {
      found.push({ language: entryTag(keys[at]), text: texts.toString('utf8', offsets[at], offsets[at + 1]) });
    }
    return found;
  }

  /** Chars (ascending) that have a short name in a language, its parents' included. */
  charsWithShortName(language: number): Uint32Array {
    let chars = this.annotatedChars.get(language);
    if (!chars) {
      const found = new Set<number>();
      for (let id = language; id >= 0; ) {
        for (const key of this.shortNameTexts.keys) if (entryTag(key) === id) found.add(entryChar(key));
        const parent = this.header.languages[id].parent;
        id = parent === null ? -1 : this.languageId(parent);
      }
      chars = Uint32Array.from(found).sort();
      this.annotatedChars.set(language, chars);
    }
    return chars;
  }

  /**
   * Chars having a name, alias or CLDR short name that is exactly `words`
   * (in order), ascending, a char's best source first. PLUS SIGN counts as
   * exactly `plus`: see GENERIC_NAME_ENDINGS. One look-up in the table of
   * phrase hashes, names among them (INDEX_FORMAT 14), each hit confirmed
   * against its text, where the names holding every word were intersected
   * and read (a query with `with` or `of` walked their lists: 7% of the
   * diverse bench's engine time). With `within` (ascending), only the chars
   * among it.
   */
  exactMatches(words: readonly string[], within?: Uint32Array): ExactMatch[] {
    if (words.length === 0) return [];
    const found: ExactMatch[] = [];
    const hash = phraseHash(words);
    for (let at = this.firstPhraseAt(hash); at < this.phraseHashes.length && this.phraseHashes[at] === hash; at++) {
      this.phraseEntriesRead.fill(4 * at, 4 * at + 4);
      const char = entryChar(this.phraseEntries[at]);
      const source = entryTag(this.phraseEntries[at]);
      if (within !== undefined && !contains(within, char)) continue;
      if (source === PHRASE_NAME || source === PHRASE_NAME_GENERIC) {
        if (this.nameIsWords(char, words, source === PHRASE_NAME_GENERIC)) found.push({ char, source });
      } else if (source >= PHRASE_CLDR || this.aliasTexts(char, source).some((text) => sameWords(text, words))) found.push({ char, source });
    }
    return found.sort((a, b) => a.char - b.char || a.source - b.source);
  }

  /** Whether char i's name is `words` (with `generic`, they and a generic ending): a phrase hash's hit, confirmed. */
  private nameIsWords(i: number, words: readonly string[], generic: boolean): boolean {
    if (this.nameWordCounts[i] !== words.length + (generic ? 1 : 0)) return false;
    const name = this.name(i);
    const asciiAnswer = asciiNameIsWords(name, words, generic);
    if (asciiAnswer !== null) return asciiAnswer;
    const own = nameWords(name);
    return generic ? GENERIC_NAME_ENDINGS.has(own[own.length - 1]) && sameWords(own.slice(0, -1), words) : sameWords(own, words);
  }

  /**
   * The first phrase entry whose hash is `hash` or more: a binary search
   * within the entries sharing its top 16 bits, whose starts the index holds
   * (phrases.ts phraseBucketStarts); over all 500,000 hashes, a search read
   * nineteen places of a 2 MB table, and was most of an exact match's cost.
   */
  private firstPhraseAt(hash: number): number {
    const hashes = this.phraseHashes;
    const bucket = hash >>> 16;
    let low = this.phraseBuckets[bucket];
    let high = this.phraseBuckets[bucket + 1];
    // The bucket and the entry after it (where a run of equal hashes is seen to end).
    this.phraseHashesRead.fill(4 * low, Math.min(4 * high + 4, hashes.byteLength));
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (hashes[mid] < hash) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The words of char i's informal aliases, or of its other aliases (shortcodes among them), for confirming a hash hit. */
  private aliasTexts(i: number, source: number): string[][] {
    return source === PHRASE_INFORMAL_ALIAS ? this.informalAliases(i).map(textWords) : this.aliases(i).map(({ alias }) => nameWords(alias));
  }

  /**
   * Chars whose official name holds `words` adjacent and in order
   * (`cjk unified` in CJK UNIFIED IDEOGRAPH-4E00, `heart shaped` in HEART-SHAPED).
   * The names having every word are checked in their encoded bytes, none
   * decoded: a phrase found in 97,720 names costs a few milliseconds.
   */
  charsWithNamePhrase(words: readonly string[]): Uint32Array {
    if (words.length === 0 || !words.every((word) => ASCII_NAME_WORD.test(word))) return new Uint32Array(0);
    const parts = words.map((word) => Buffer.from(word.toUpperCase(), 'latin1'));
    return filter(intersect(words.map((word) => this.postings('name', word))), (char) => this.nameHoldsPhrase(char, parts));
  }

  private nameHoldsPhrase(char: number, parts: Buffer[]): boolean {
    const { lines } = this;
    const end = this.lineOffsets[char + 1] - CRLF_BYTES;
    const nameStart = this.lineOffsets[char] + this.nameStarts[char];
    for (let start = nameStart; start < end; start++) {
      if (start > nameStart && lines[start - 1] !== SPACE && lines[start - 1] !== HYPHEN) continue;
      let at = start;
      let whole = true;
      for (let k = 0; k < parts.length && whole; k++) {
        const part = parts[k];
        if (k > 0) {
          const separator = separatorLength(lines, at);
          whole = separator > 0;
          at += separator;
        }
        for (let b = 0; b < part.length && whole; b++) whole = lines[at + b] === part[b];
        at += part.length;
      }
      if (whole && at <= end && (at === end || separatorLength(lines, at) > 0)) return true;
    }
    return false;
  }

  /** The display form and name of any code point, named or not (labels for the unnamed). */
  codePointColumns(cp: number): { display: string; name: string } {
    const i = this.indexOf(cp);
    if (i >= 0) return { display: this.display(i), name: this.name(i) };
    const category = unnamedCategory(cp);
    return { display: displayForm(cp, category), name: codePointLabel(cp, category) };
  }

  /** The result line of any code point, named or not (labels for the unnamed). */
  describe(cp: number): Buffer {
    const i = this.indexOf(cp);
    if (i >= 0) return this.line(i);
    const { display, name } = this.codePointColumns(cp);
    return Buffer.from(`${formatCodePoint(cp)}\t${display}\t${name}\r\n`, 'utf8');
  }
}

const VARIATION_SELECTOR_16 = 0xfe0f;
const SKIN_TONE_FIRST = 0x1f3fb;
const SKIN_TONE_LAST = 0x1f3ff;
/** A skinTones() bit: the entry is the toneless form of sequences with skin tones. */
export const HAS_TONE_VARIANTS = 0x80;

/** Bytes of the word separator at `at` in a name: a space or hyphen, or the `: ` and `, ` of sequence names (`FAMILY: MAN, WOMAN`); 0 if none. */
function separatorLength(bytes: Buffer, at: number): number {
  const byte = bytes[at];
  if (byte === SPACE || byte === HYPHEN) return 1;
  return (byte === COLON || byte === COMMA) && bytes[at + 1] === SPACE ? 2 : 0;
}

function sequenceKey(codePoints: readonly number[]): string {
  return String.fromCodePoint(...codePoints.filter((cp) => cp !== VARIATION_SELECTOR_16));
}

function listOf(source: Exclude<WordSource, 'keyword' | 'unihan'>): number {
  return source === 'name' ? NAME_LIST : source === 'alias' ? ALIAS_LIST : INFORMAL_LIST;
}

/**
 * Whether an ASCII name's words (as nameWords splits them) are `words`, with
 * `generic` a generic ending after them, read in place: a name split into
 * words by a regular expression was most of an exact match's confirming.
 * Null for a name with other characters (nameWords then decides).
 */
function asciiNameIsWords(name: string, words: readonly string[], generic: boolean): boolean | null {
  let k = 0;
  let at = 0;
  for (;;) {
    while (at < name.length && isNameSeparator(name.charCodeAt(at))) at++;
    if (at === name.length) break;
    const start = at;
    while (at < name.length && !isNameSeparator(name.charCodeAt(at))) {
      if (name.charCodeAt(at) >= 0x80) return null;
      at++;
    }
    if (k < words.length) {
      const word = words[k];
      if (word.length !== at - start) return asciiRest(name, at);
      for (let j = 0; j < word.length; j++) {
        const unit = name.charCodeAt(start + j);
        if ((unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit) !== word.charCodeAt(j)) return asciiRest(name, at);
      }
    } else if (!generic || k > words.length || !GENERIC_NAME_ENDINGS.has(name.slice(start, at).toLowerCase())) return asciiRest(name, at);
    k++;
  }
  return k === words.length + (generic ? 1 : 0);
}

/** False when the rest of a name from `at` is ASCII (the answer stands), else null. */
function asciiRest(name: string, at: number): false | null {
  for (let k = at; k < name.length; k++) if (name.charCodeAt(k) >= 0x80) return null;
  return false;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, k) => word === b[k]);
}

/** Entry i's rows of an alias table (aliasRows.ts), made once and kept in `kept`. */
function keptRows<T>(kept: Map<number, T[]>, sections: AliasSections, i: number, row: (k: number) => T): T[] {
  let rows = kept.get(i);
  if (!rows) {
    const [first, end] = aliasRange(sections, i);
    if (first === end) return [];
    rows = [];
    for (let k = first; k < end; k++) rows.push(row(k));
    kept.set(i, rows);
  }
  return rows;
}

/** variantRow's answer for a word of no vocabulary. */
const NO_WORD = -2;

function mergedListSections(startsRead: PagedSection, entriesRead: PagedSection, variantWorkRead: PagedSection) {
  return { starts: uint32View(startsRead.bytes), entries: uint32View(entriesRead.bytes), variantWork: uint32View(variantWorkRead.bytes), startsRead, entriesRead, variantWorkRead };
}
