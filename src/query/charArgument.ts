/**
 * What `/info`, `GET /api/char/…` and `charfinder info` take: one character
 * as typed or pasted (`é`, `😸`, `5` — the digit, not U+0005), or a code
 * point in any notation of codePoints.ts (`U+1F638`, `0x1F638`, `\u{1F638}`,
 * `&#x1F638;`), or a sequence: one pasted grapheme (🇫🇷, 👍🏽, e + U+0301),
 * a chain of escapes (`\u0065\u0301`), or several notations (`U+1F1EB U+1F1F7`).
 * A word such as `nonsense` is several graphemes, so it is refused, not
 * taken for eight code points.
 */
import { parseCodePointToken } from './codePoints.js';

/** Code points in one `/info` sequence, at most: the longest RGI emoji ZWJ sequence has 10. */
export const MAX_INFO_CODE_POINTS = 32;

export const CHAR_ARGUMENT = 'a character or a code point (é, 😸, U+1F638, 0x1F638, \\u{1F638}, &#x1F638;)';

/** The code points asked for, or what was wrong: the argument given (null when none) and what is expected instead. */
export type CharArgument = { codePoints: number[] } | { argument: string | null; expected: string };

/** Made when first asked, like parse.ts's: the first Intl.Segmenter loads ICU's break rules (about 12 ms), which a plain start need not pay. */
let graphemes: Intl.Segmenter | undefined;

function isOneGrapheme(text: string): boolean {
  // One code point is one cluster: `/info é` needs no segmenter.
  if (text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff)) return true;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const segments = graphemes.segment(text)[Symbol.iterator]();
  const first = segments.next();
  return !first.done && first.value.segment === text;
}

export function parseCharArgument(values: readonly string[]): CharArgument {
  if (values.length === 0) return { argument: null, expected: CHAR_ARGUMENT };
  const codePoints: number[] = [];
  for (const value of values) {
    const token = parseCodePointToken(value);
    if (token?.kind === 'invalid') return { argument: value, expected: 'a code point from U+0000 to U+10FFFF' };
    if (token?.kind === 'range') return { argument: value, expected: 'one character or code point (a range is a search: type it without /info)' };
    if (token?.kind === 'code-points') codePoints.push(...token.codePoints);
    else if (isOneGrapheme(value)) codePoints.push(...[...value].map((ch) => ch.codePointAt(0)!));
    else return { argument: value, expected: CHAR_ARGUMENT };
  }
  if (codePoints.length > MAX_INFO_CODE_POINTS) return { argument: values.join(' '), expected: `at most ${MAX_INFO_CODE_POINTS} code points` };
  return { codePoints };
}
