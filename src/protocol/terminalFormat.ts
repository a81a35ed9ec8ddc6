/**
 * Text for a person at a terminal whose size we know (telnet's NAWS, or
 * 80×24): the same words as the text format, laid out for the screen. The
 * code column is as wide as the page's widest code, the character column two
 * cells (what an emoji or a CJK character takes), measured by display width
 * (terminal/width.ts, string-width's measure: East Asian Width, emoji presentation, zero-width marks), and
 * a name too long for the window is cut with `…` so that no line wraps.
 * With colour (an ANSI terminal type, or `/color on`), the code is dim, the
 * character bright, and what matched besides the name (`[en: cat]`, an
 * alias) in a colour of its own. A page that has more ends in the pager line
 * (`-- 1–22 of 98,887 · Enter: more · q or Ctrl-C: stop --`), not a prompt.
 */
import { Chalk } from 'chalk';
import { clusterBoundaries, width, widthBetween } from '../terminal/width.js';
import type { CharIndex } from '../index/charIndex.js';
import { CRLF, formatCodePoints } from '../index/display.js';
import type { Match, ResultLines } from '../search/matchLines.js';
import { count } from '../search/sentences.js';
import { TEXT_FORMAT, type ReplyFormat } from './formats.js';

/** The screen a reply is laid out for. */
export interface TerminalView {
  columns: number;
  rows: number;
  colour: boolean;
}

/** Widest code column: two code points (a flag, a skin tone); a longer sequence's codes are cut with `…`. */
const MAX_CODE_COLUMNS = 'U+1F1EB U+1F1F7'.length;
/** The character column: two cells, what an emoji or a CJK character takes. */
const GLYPH_COLUMNS = 2;
const GAP = '  ';
/** The last column is left free: a line that fills it makes some terminals wrap. */
const RIGHT_MARGIN = 1;

/** ANSI colours (16-colour codes only: every terminal that has colour has those). */
const paint = new Chalk({ level: 1 });

/**
 * Terminal types (TERMINAL-TYPE's answer, RFC 1091) that show ANSI colour:
 * the xterm family and what claims to be it, screen and tmux, the Linux
 * console, and the emulators that report their own names.
 */
const COLOUR_TERMINALS = /^(xterm|screen|tmux|rxvt|linux|ansi|putty|cygwin|konsole|gnome|alacritty|kitty|foot|wezterm|iterm|[a-z0-9-]*-(256)?colou?r)/;

/** Whether a terminal type shows colour; an unknown one (or none reported) does not. */
export function hasColour(type: string | null): boolean {
  return type !== null && COLOUR_TERMINALS.test(type);
}

/** The rows a page takes: the screen but two (the line the query was typed on, and the pager line). */
export function pageRows(view: TerminalView): number {
  return Math.max(1, view.rows - 2);
}

/** Cuts `text` to at most `columns` display columns, ending in `…` when cut (between grapheme clusters). */
export function fitWidth(text: string, columns: number): string {
  if (columns <= 0) return '';
  if (width(text) <= columns) return text;
  const boundaries = clusterBoundaries(text);
  let cells = 0;
  let k = 0;
  for (; k + 1 < boundaries.length; k++) {
    const next = widthBetween(text, boundaries[k], boundaries[k + 1]);
    if (cells + next > columns - 1) break;
    cells += next;
  }
  return text.slice(0, boundaries[k]) + '…';
}

/** The pager line: where the page ends, and the keys. No line end: the next page or the prompt replaces it. */
export function pagerLine(from: number, sent: number, total: number, colour: boolean): string {
  const text = `-- ${count(from + 1)}–${count(sent)} of ${count(total)} · Enter: more · q or Ctrl-C: stop --`;
  return colour ? paint.inverse(text) : text;
}

/** Erases the pager line the cursor is on (character mode), or the one above it (line mode: Enter moved down). */
export function erasePagerLine(lineMode: boolean): string {
  return lineMode ? '\x1b[1A\r\x1b[2K' : '\r\x1b[2K';
}

/** One match as a terminal line: aligned columns, cut to the width, coloured or not. */
export function terminalLine(match: Match, codeColumns: number, view: TerminalView): string {
  const code = fitWidth(formatCodePoints(match.codePoints), codeColumns).padEnd(codeColumns);
  const glyphWidth = width(match.char);
  const glyph = match.char + ' '.repeat(Math.max(0, GLYPH_COLUMNS - glyphWidth));
  const room = view.columns - RIGHT_MARGIN - codeColumns - GAP.length - Math.max(GLYPH_COLUMNS, glyphWidth) - GAP.length;
  const local = match.localName === null ? '' : ` (${match.localName})`;
  const note = match.note === null ? '' : ` [${match.note}]`;
  const name = fitWidth(match.name, room);
  const extra = fitWidth(local + note, room - width(name));
  if (!view.colour) return `${code}${GAP}${glyph}${GAP}${name}${extra}${CRLF}`;
  const noted = extra === '' ? '' : match.via.startsWith('cldr:') || match.via.startsWith('unihan:') ? paint.cyan(extra) : paint.yellow(extra);
  return `${paint.dim(code)}${GAP}${paint.bold(glyph)}${GAP}${name}${noted}${CRLF}`;
}

/** A five-digit code's width: pages of one reply line up with each other (a page of U+4E00… after a page of U+1F21A…). */
const MIN_CODE_COLUMNS = 'U+1F638'.length;

/**
 * The code column's width for matches `from` … `end`-1: their widest code
 * (within bounds) when every name still fits beside it; in a window too
 * narrow for that, wide enough for three codes in four — two family emoji
 * among twenty characters then do not cut every name eight columns shorter:
 * their codes are cut (`U+1F9B9…`), and /info has them all.
 */
function codeColumnsFor(lines: ResultLines, from: number, end: number, matches: Match[], view: TerminalView): number {
  const widths: number[] = [];
  let longestName = 0;
  for (let at = from; at < end; at++) {
    const match = lines.match(at);
    matches.push(match);
    widths.push(formatCodePoints(match.codePoints).length);
    longestName = Math.max(longestName, match.name.length + (match.note?.length ?? -3) + 3);
  }
  widths.sort((a, b) => a - b);
  const widest = Math.min(Math.max(widths.at(-1) ?? 0, MIN_CODE_COLUMNS), MAX_CODE_COLUMNS);
  if (widest + GAP.length + GLYPH_COLUMNS + GAP.length + longestName <= view.columns - RIGHT_MARGIN) return widest;
  const fitting = widths[Math.floor((widths.length - 1) * 0.75)] ?? MIN_CODE_COLUMNS;
  const columns = Math.min(Math.max(fitting, MIN_CODE_COLUMNS), MAX_CODE_COLUMNS);
  // A cut code keeps its first code point whole before the `…`.
  return widths.at(-1)! > columns ? Math.max(columns, MIN_CODE_COLUMNS + 1) : columns;
}

/** The text format laid out for `view` (see the module's comment); everything but the matches and the pager is text's. */
export function terminalFormat(view: TerminalView): ReplyFormat {
  return {
    ...TEXT_FORMAT,
    batch(_index: CharIndex, lines: ResultLines, from: number, end: number, maxBytes: number) {
      // A page is a screenful; a whole reply (/page off) goes out in batches of about maxBytes.
      const matches: Match[] = [];
      const stop = Math.min(end, from + Math.max(1, Math.floor(maxBytes / 64)));
      const codeColumns = codeColumnsFor(lines, from, stop, matches, view);
      let text = '';
      for (const match of matches) text += terminalLine(match, codeColumns, view);
      return { bytes: Buffer.from(text, 'utf8'), next: stop };
    },
  };
}
