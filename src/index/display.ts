/**
 * What goes in the character column. A terminal executes C0/C1 controls
 * (ESC starts a control sequence), bidi format characters reorder the rest of
 * the line, and line/paragraph separators break it: those never go out raw.
 */
import { lowerBound } from './postings.js';

/**
 * General categories a terminal could act on: controls (C0, DEL, C1), format
 * characters (bidi controls among them), line and paragraph separators,
 * surrogates, private use, unassigned. They never go out raw: the text column
 * shows a stand-in, echoed text and JSON write them as escapes.
 */
export const UNSAFE_CATEGORIES: ReadonlySet<string> = new Set(['Cc', 'Cf', 'Zl', 'Zp', 'Cs', 'Co', 'Cn']);

/** One code point of UNSAFE_CATEGORIES by this Node's tables (global: for replace). */
const UNSAFE_CODE_POINT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/gu;

/** Ranges of characters newer than this Node's regex tables (see allowLateAssigned): their firsts and lasts, ascending. */
let lateFirsts = new Uint32Array(0);
let lateLasts = new Uint32Array(0);

/**
 * The index tells which characters its data has that Node's own tables do
 * not know yet (\p{Cn} for U+1F6D9 LIGHTHOUSE in Node 20.20, whose ICU has Unicode 17), so that a
 * pasted Unicode 18 character is echoed as itself, not as `\u{1F6D9}`.
 */
export function allowLateAssigned(ranges: readonly (readonly [number, number])[]): void {
  lateFirsts = Uint32Array.from(ranges, ([first]) => first);
  lateLasts = Uint32Array.from(ranges, ([, last]) => last);
}

function isLateAssigned(cp: number): boolean {
  const at = lowerBound(lateLasts, cp);
  return at < lateLasts.length && lateFirsts[at] <= cp;
}

/** `text` with each unsafe code point replaced by `escape(it)`. */
export function escapeUnsafe(text: string, escape: (ch: string) => string): string {
  return text.replace(UNSAFE_CODE_POINT, (ch) => (isLateAssigned(ch.codePointAt(0)!) ? ch : escape(ch)));
}

/** Text with nothing to escape, the usual case, found without the Unicode regex. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const COMBINING_CATEGORIES = new Set(['Mn', 'Mc', 'Me']);

export const DOTTED_CIRCLE = '\u25CC';
const BLANK = ' ';

/** The visible form of one code point, given its general category. */
export function displayForm(cp: number, category: string): string {
  if (category === 'Cc') {
    if (cp < 0x20) return String.fromCodePoint(0x2400 + cp); // Control Pictures: ␀ … ␟
    if (cp === 0x7f) return '\u2421'; // ␡
    return BLANK; // C1 controls have no pictures
  }
  if (UNSAFE_CATEGORIES.has(category)) return BLANK;
  if (COMBINING_CATEGORIES.has(category)) return DOTTED_CIRCLE + String.fromCodePoint(cp);
  return String.fromCodePoint(cp);
}

/** `U+1F638`: at least four uppercase hex digits, no padding beyond that. */
export function formatCodePoint(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/** A user's text, made safe to echo back: unsafe code points become `\u{…}`. */
export function escapeForTerminal(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return escapeUnsafe(text, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** `U+1F1EB U+1F1F7`: the code column of a sequence. */
export function formatCodePoints(codePoints: readonly number[]): string {
  return codePoints.map(formatCodePoint).join(' ');
}

/**
 * The visible form of a sequence: its code points as they are (an emoji
 * sequence needs its ZWJs, tags and U+FE0F to show as one picture), after a
 * dotted circle when it starts with a combining mark (named sequences of Khmer).
 */
export function sequenceDisplayForm(codePoints: readonly number[], firstCategory: string): string {
  const text = String.fromCodePoint(...codePoints);
  return COMBINING_CATEGORIES.has(firstCategory) ? DOTTED_CIRCLE + text : text;
}

/** How every line ends: the index's pre-encoded lines, the protocol's, the CLI's before it turns them into \n. */
export const CRLF = '\r\n';

function escapeUnit(unit: number): string {
  return '\\u' + unit.toString(16).toUpperCase().padStart(4, '0');
}

/** `\uD83D\uDE38`: one code point as JSON's \u escapes (a surrogate pair above U+FFFF). */
export function jsonEscape(ch: string): string {
  return ch.length === 1 ? escapeUnit(ch.charCodeAt(0)) : escapeUnit(ch.charCodeAt(0)) + escapeUnit(ch.charCodeAt(1));
}

/**
 * JSON text on one line, ending in CRLF, with unsafe code points escaped: the
 * raw character stays in the value, anything a terminal could act on is
 * written as a \u escape (the JSON mode's lines, `/info`'s object, the HTTP API's bodies).
 */
export function jsonLine(value: unknown): string {
  return escapeUnsafe(JSON.stringify(value), jsonEscape) + CRLF;
}
