/**
 * A query line, understood. Pure: knows neither the index nor the network
 * (filter names come in as plain data).
 *
 *   cat face            words: every one must match (name, alias or keyword)
 *   hamb*               a word prefix
 *   -double             excludes characters having that word
 *   "grinning face"     a phrase: those words, adjacent, in that order
 *   U+1F638 0x1F638 \u{1F638} \u00E9 &#x1F638; &#128568;   code points
 *   U+2600..U+26FF      a range
 *   block:arrows gc:Sm script:greek age:17.0 emoji          filters (-block:… excludes)
 *
 * Text without ASCII letters or digits is pasted text: when it holds a symbol,
 * emoji, control or nothing but punctuation (`😸é→`, `«`), each character is
 * identified; when it is letters (`кот`, `猫`, `é`), it is searched as words
 * first, and identified when no word matches. Pasted text is identified
 * grapheme cluster by grapheme cluster (UAX #29), so that 🇫🇷, 👍🏽 and 👨‍👩‍👧
 * can each be described as one sequence; text holding a keycap, ZWJ,
 * regional indicator, tag or skin tone (1️⃣, 🏴󠁧󠁢󠁳󠁣󠁴󠁿) is always pasted text.
 *
 * Clusters come from Intl.Segmenter, whose rules are ICU's (Node 20: ICU 7x,
 * Unicode 15.1): a sequence that only later rules join (none among RGI emoji
 * so far) would be split, and is then described code point by code point.
 */
import { parseCodePointToken } from './codePoints.js';
import { EMOJI_FILTER, FILTER_KEYS, resolveFilter, type Filter, type FilterNames } from './filters.js';
import { textWords } from '../index/words.js';

export type Term =
  /** verbForms: the word also stands for its -ing and -ed forms (set by search/relaxed.ts, never by the parser). */
  | { kind: 'word'; word: string; verbForms?: boolean }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'phrase'; words: string[] };

/** Part of a code point query, in the order given. */
export type CodePointItem = { kind: 'code-point'; codePoint: number } | { kind: 'range'; first: number; last: number };

export type Query =
  | { kind: 'empty' }
  | {
      kind: 'search';
      text: string;
      /** Every one must match. */
      terms: Term[];
      /** Each group (a `-word`, `-"a phrase"`, `-two-words`) removes the characters matching all of it. */
      excluded: Term[][];
      /** Filters of one kind are alternatives (`block:a block:b`); kinds combine (`gc:Lu script:greek`). */
      filters: Filter[];
      /** Pasted letters (`猫`): a single one is shown first; all are identified when no word matches. */
      pasted: number[] | null;
    }
  | { kind: 'code-points'; text: string; items: CodePointItem[] }
  | { kind: 'characters'; text: string; codePoints: number[]; clusters: number[][] }
  | { kind: 'invalid'; text: string; reason: string };

const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;
const ASCII_LETTER = /[A-Za-z]/;
const ASCII_BLANKS = /[ \t]/;
/** What only pasted text holds: symbols (emoji, arrows, math), controls, format characters, private use. */
const PASTED_ONLY = /[\p{S}\p{C}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A token: runs of non-blanks, where a double-quoted part may hold blanks. */
const TOKEN = /(?:"[^"]*"?|[^\s"])+/g;
const FILTER = /^([A-Za-z]+):(.*)$/;
/**
 * Lower-case ASCII words one space apart (`runic single`), as most lines
 * are: such a line is searched as its words, each token tried as nothing
 * else but for `0x…` (a code point) and `emoji` (the filter). The regular
 * expressions every other token meets were most of a query's parsing.
 */
const PLAIN_LINE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
/** One word of ASCII letters and digits, perhaps a prefix (`Cat`, `hamb*`). */
const ASCII_WORD = /^([A-Za-z0-9]+)\*?$/;
/** Code points only emoji sequences hold: keycap, ZWJ, regional indicators, tags, skin tones. */
const SEQUENCE_PART = /[\u20E3\u200D\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u{1F3FB}-\u{1F3FF}]/u;

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of text, as code points, blanks left out. */
export function graphemeClusters(text: string): number[][] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  const clusters: number[][] = [];
  for (const { segment } of segmenter.segment(text)) {
    const codePoints = [...segment].filter((ch) => !ASCII_BLANKS.test(ch)).map((ch) => ch.codePointAt(0)!);
    if (codePoints.length > 0) clusters.push(codePoints);
  }
  return clusters;
}

/** Pasted text as the 'characters' query it is (also what `charfinder identify` describes). */
export function pastedText(text: string): Extract<Query, { kind: 'characters' }> {
  const clusters = graphemeClusters(text);
  return { kind: 'characters', text, codePoints: clusters.flat(), clusters };
}

/** Trims ASCII blanks only: a pasted no-break space or ideographic space is something to identify. */
export function trimBlanks(line: string): string {
  // Most lines have no blank at either end: they need no regular expression.
  if (line === '' || (!isBlank(line.charCodeAt(0)) && !isBlank(line.charCodeAt(line.length - 1)))) return line;
  return line.replace(/^[ \t]+|[ \t]+$/g, '');
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;

const NO_FILTER_NAMES: FilterNames = { blocks: [], blockAliases: [], categories: [], scripts: [], ages: [] };

export function parseQuery(line: string, names: FilterNames = NO_FILTER_NAMES): Query {
  const text = trimBlanks(line);
  if (text === '') return { kind: 'empty' };

  let pasted: number[] | null = null;
  const plain = PLAIN_LINE.test(text);
  if (!plain) {
    if (SEQUENCE_PART.test(text) && !ASCII_LETTER.test(text)) return pastedText(text);
    if (!ASCII_ALPHANUMERIC.test(text)) {
      if (PASTED_ONLY.test(text) || !LETTER_OR_DIGIT.test(text)) return pastedText(text);
      pasted = [...text].filter((ch) => !ASCII_BLANKS.test(ch)).map((ch) => ch.codePointAt(0)!);
    }
  }

  const terms: Term[] = [];
  const excluded: Term[][] = [];
  const filters: Filter[] = [];
  const items: CodePointItem[] = [];
  for (const token of plain ? spaceSeparated(text) : (text.match(TOKEN) ?? [])) {
    if (plain && token !== EMOJI_FILTER && !token.startsWith('0x')) {
      terms.push({ kind: 'word', word: token });
      continue;
    }
    const negated = token.length > 1 && token.startsWith('-');
    const body = negated ? token.slice(1) : token;

    const codePoints = parseCodePointToken(body);
    if (codePoints?.kind === 'invalid') return { kind: 'invalid', text, reason: codePoints.reason };
    if (codePoints) {
      if (negated) return { kind: 'invalid', text, reason: `cannot exclude code points (${token}); exclude words or filters` };
      if (codePoints.kind === 'range') items.push(codePoints);
      else for (const codePoint of codePoints.codePoints) items.push({ kind: 'code-point', codePoint });
      continue;
    }

    const filter = body.includes(':') ? FILTER.exec(body) : null;
    const key = filter ? FILTER_KEYS[filter[1].toLowerCase()] : undefined;
    if (filter && key) {
      const resolved = resolveFilter(key, unquote(filter[2]), negated, names);
      if ('reason' in resolved) return { kind: 'invalid', text, reason: resolved.reason };
      filters.push(resolved.filter);
      continue;
    }
    if (body.toLowerCase() === EMOJI_FILTER) {
      filters.push({ kind: 'emoji', label: EMOJI_FILTER, negated });
      continue;
    }

    const group = termsOf(body);
    if (group.length === 0) continue;
    if (negated) excluded.push(group);
    else terms.push(...group);
  }

  if (terms.length === 0 && filters.length === 0) {
    if (items.length > 0 && excluded.length === 0) return { kind: 'code-points', text, items };
    if (excluded.length > 0) return { kind: 'invalid', text, reason: 'nothing to exclude from: give a word, a filter or a range besides the -words' };
    if (items.length === 0) return pastedText(text);
  }
  // Beside words or filters, code points and ranges narrow the search like a filter.
  for (const item of items) {
    const [first, last] = item.kind === 'range' ? [item.first, item.last] : [item.codePoint, item.codePoint];
    filters.push({ kind: 'range', first, last, label: rangeLabel(first, last), negated: false });
  }
  return { kind: 'search', text, terms, excluded, filters, pasted };
}

/** The words of a plain line (PLAIN_LINE). */
function spaceSeparated(text: string): string[] {
  const words: string[] = [];
  let at = 0;
  for (let space = text.indexOf(' '); space >= 0; space = text.indexOf(' ', at)) {
    words.push(text.slice(at, space));
    at = space + 1;
  }
  words.push(at === 0 ? text : text.slice(at));
  return words;
}

/** The terms of one token: a phrase, or words, the last of which may be a prefix (`hamb*`). */
function termsOf(token: string): Term[] {
  if (token.startsWith('"')) {
    const words = textWords(unquote(token));
    if (words.length > 1) return [{ kind: 'phrase', words }];
    return words.map((word) => ({ kind: 'word', word }));
  }
  const isPrefix = token.endsWith('*');
  // ASCII letters and digits are already NFC and one word: textWords would find just that word, lower-cased.
  const ascii = ASCII_WORD.exec(token);
  const words = ascii ? [ascii[1].toLowerCase()] : textWords(token);
  const group: Term[] = words.map((word) => ({ kind: 'word', word }));
  if (isPrefix && words.length > 0) group[group.length - 1] = { kind: 'prefix', prefix: words[words.length - 1] };
  return group;
}

/** A term as a query writes it: `cat`, `hamb*`, `"grinning face"` (also what tells duplicates apart). */
export function termText(term: Term): string {
  return term.kind === 'word' ? term.word : term.kind === 'prefix' ? `${term.prefix}*` : `"${term.words.join(' ')}"`;
}

function unquote(text: string): string {
  return text.replace(/^"|"$/g, '');
}

function rangeLabel(first: number, last: number): string {
  const hex = (cp: number) => 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return first === last ? hex(first) : `${hex(first)}..${hex(last)}`;
}
