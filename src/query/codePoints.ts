/**
 * Code points as people write them: `U+1F638`, `u+1f638`, `0x1F638`,
 * `\u{1F638}`, `\u00E9` (and surrogate pairs `\uD83D\uDE38`), `\U0001F638`,
 * `&#x1F638;`, `&#128568;` — and ranges of them, `U+2600..U+26FF`.
 * A bare hex word such as `FACE` or `4e00` is not a code point: it is a word.
 */
import { MAX_CODE_POINT } from '../index/labels.js';

/** One code point, or an inclusive range, or an error a user can read. */
export type CodePointToken =
  | { kind: 'code-points'; codePoints: number[] }
  | { kind: 'range'; first: number; last: number }
  | { kind: 'invalid'; reason: string };

/** A notation that stands alone as one code point. */
const SINGLE = /^(?:[Uu]\+([0-9A-Fa-f]{4,6})|0[xX]([0-9A-Fa-f]{1,6})|&#[xX]([0-9A-Fa-f]{1,6});?|&#([0-9]{1,7});?)$/;
/** Escapes that may be chained into a sequence: `\u00E9\u0301`, `\uD83D\uDE38`, `&#x41;&#x42;`. */
const ESCAPE = /\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|&#[xX]([0-9A-Fa-f]{1,6});|&#([0-9]{1,7});/y;
const RANGE = /^(.+?)\.\.(.+)$/;
/** What every notation holds: a `+`, `\`, `&` or `..`, or 0x first. A token without (a word, mostly) is tried no further. */
const NOTATION_MARK = /^0[xX]|[+\\&.]/;

function valueOf(match: RegExpExecArray): number {
  const decimal = match[match.length - 1];
  if (decimal !== undefined) return parseInt(decimal, 10);
  const hex = match.slice(1, -1).find((group) => group !== undefined)!;
  return parseInt(hex, 16);
}

/** The code points written by `token` (one notation, or a chain of escapes), or null when it is not such a token. */
function parseCodePoints(token: string): number[] | null {
  const single = SINGLE.exec(token);
  if (single) return [valueOf(single)];
  const units: number[] = [];
  ESCAPE.lastIndex = 0;
  while (ESCAPE.lastIndex < token.length) {
    const at = ESCAPE.lastIndex;
    const escape = ESCAPE.exec(token);
    if (!escape || escape.index !== at) return null;
    units.push(valueOf(escape));
  }
  return units.length > 0 ? pairSurrogates(units) : null;
}

/** `\uD83D\uDE38` is one code point, as in JavaScript and JSON. */
function pairSurrogates(values: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const high = values[k];
    const low = values[k + 1];
    if (high >= 0xd800 && high <= 0xdbff && low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
      out.push(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00));
      k++;
    } else out.push(high);
  }
  return out;
}

function beyond(token: string, value: number): string {
  return `${token} is ${value.toString(16).toUpperCase()} in hex, beyond U+10FFFF, the last code point`;
}

/** Reads one query token as code points or a range; null when it is something else (a word). */
export function parseCodePointToken(token: string): CodePointToken | null {
  if (!NOTATION_MARK.test(token)) return null;
  const range = RANGE.exec(token);
  if (range) {
    const first = parseCodePoints(range[1]);
    const last = parseCodePoints(range[2]);
    if (!first || !last || first.length !== 1 || last.length !== 1) return null;
    if (first[0] > MAX_CODE_POINT) return { kind: 'invalid', reason: beyond(range[1], first[0]) };
    if (last[0] > MAX_CODE_POINT) return { kind: 'invalid', reason: beyond(range[2], last[0]) };
    if (first[0] > last[0]) return { kind: 'invalid', reason: `the range ${token} runs backwards; write the lower code point first` };
    return { kind: 'range', first: first[0], last: last[0] };
  }
  const codePoints = parseCodePoints(token);
  if (!codePoints) return null;
  const tooHigh = codePoints.find((cp) => cp > MAX_CODE_POINT);
  if (tooHigh !== undefined) return { kind: 'invalid', reason: codePoints.length === 1 && token.startsWith('U+') ? `${token} is beyond U+10FFFF, the last code point` : beyond(token, tooHigh) };
  return { kind: 'code-points', codePoints };
}
