/**
 * How one character or a sequence is written: its bytes in the three Unicode
 * encoding forms, and the escapes of the languages people paste it into.
 * Pure arithmetic on code points; no data file.
 *
 * A surrogate code point (U+D800–U+DFFF) is not a character: no encoding form
 * may hold it alone, HTML and CSS turn its reference into U+FFFD, Rust refuses
 * the escape. Those come back null; JavaScript and Python do accept the
 * escape (a lone surrogate in a string), so theirs are given. U+0000 likewise
 * has no HTML or CSS reference (both give U+FFFD).
 */

import type { Encodings, Escapes } from './charInfo.js';

export type { Encodings, Escapes };

export function isSurrogateCodePoint(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

const hex = (value: number, digits: number): string => value.toString(16).toUpperCase().padStart(digits, '0');

/** The UTF-8 bytes of a code point (the surrogate range encoded as the arithmetic would, for callers that refuse it first). */
export function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

export function utf16Units(cp: number): number[] {
  if (cp < 0x10000) return [cp];
  const offset = cp - 0x10000;
  return [0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff)];
}

export function encodingsOf(codePoints: readonly number[]): Encodings {
  if (codePoints.some(isSurrogateCodePoint)) return { utf8: null, utf16: null, utf32: null };
  return {
    utf8: codePoints.flatMap(utf8Bytes).map((byte) => hex(byte, 2)).join(' '),
    utf16: codePoints.flatMap(utf16Units).map((unit) => hex(unit, 4)).join(' '),
    utf32: codePoints.map((cp) => hex(cp, 8)).join(' '),
  };
}

export function escapesOf(codePoints: readonly number[]): Escapes {
  const surrogate = codePoints.some(isSurrogateCodePoint);
  const noReference = surrogate || codePoints.includes(0);
  const each = (write: (cp: number) => string) => codePoints.map(write).join('');
  return {
    html: noReference ? null : each((cp) => `&#x${hex(cp, 0)};`),
    css: noReference ? null : each((cp) => `\\${hex(cp, 0)}`),
    javascript: each((cp) => (cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\u{${hex(cp, 0)}}`)),
    python: each((cp) => (cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`)),
    rust: surrogate ? null : each((cp) => `\\u{${hex(cp, 4)}}`),
    url: surrogate ? null : codePoints.flatMap(utf8Bytes).map((byte) => `%${hex(byte, 2)}`).join(''),
  };
}
