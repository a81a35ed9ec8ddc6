/**
 * A query line, understood: words to look up, one code point, or pasted
 * characters to identify. Pure: knows neither the index nor the network.
 */

export type Query =
  | { kind: 'empty' }
  | { kind: 'words'; text: string; words: string[] }
  | { kind: 'code-point'; text: string; codePoint: number }
  | { kind: 'characters'; text: string; codePoints: number[] }
  | { kind: 'invalid'; text: string; reason: string };

const MAX_CODE_POINT = 0x10ffff;
const CODE_POINT = /^U\+([0-9A-F]{4,6})$/i;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;
/** Query words are split at anything that is not a letter, mark or digit. */
const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
const ASCII_BLANKS = /[ \t]/;

/** Trims ASCII blanks only: a pasted no-break space or ideographic space is something to identify. */
export function trimBlanks(line: string): string {
  return line.replace(/^[ \t]+|[ \t]+$/g, '');
}

export function parseQuery(line: string): Query {
  const text = trimBlanks(line);
  if (text === '') return { kind: 'empty' };

  const codePoint = CODE_POINT.exec(text);
  if (codePoint) {
    const value = parseInt(codePoint[1], 16);
    if (value > MAX_CODE_POINT) return { kind: 'invalid', text, reason: `${text} is beyond U+10FFFF, the last code point` };
    return { kind: 'code-point', text, codePoint: value };
  }

  // Nothing a name could contain: the user pasted characters to identify.
  if (!ASCII_ALPHANUMERIC.test(text)) {
    const codePoints = [...text].filter((ch) => !ASCII_BLANKS.test(ch)).map((ch) => ch.codePointAt(0)!);
    return { kind: 'characters', text, codePoints };
  }

  const words = text.toLowerCase().split(WORD_SEPARATORS).filter((word) => word.length > 0);
  return { kind: 'words', text, words };
}
