/**
 * The line being typed at a telnet client in character mode, edited on the
 * server: keys in (keys.ts), echo and the finished line out. It is pure —
 * no socket, no timer — so a session is tested as keys in, bytes out.
 *
 * The cursor moves by grapheme clusters (Intl.Segmenter: e + U+0301 is one
 * step, as is 👍🏽) and the screen by display width, measured by string-width
 * as the reply columns are (East Asian Width, 2 columns for emoji, ZWJ sequences
 * and flags, 0 for a cluster that is only combining marks or format
 * characters). Terminals disagree about some emoji (tmux 3.3 draws 👍🏽 in 4
 * columns, and the cursor stands 2 to the right after a redraw with one after
 * it); the text itself is always right.
 *
 * Drawing is kept simple rather than minimal: typing at the end echoes just
 * the text, a cursor move is a relative move, and every other edit goes back
 * to the start of the prompt (CR and up-moves counted from display width),
 * clears to the end of the screen and writes prompt and line again — once a
 * push, however many edits it holds. When a
 * line ends exactly at the right margin the editor writes CR LF, so the
 * terminal's cursor is never left in its pending-wrap state, where cursor
 * moves differ from one terminal to another.
 *
 * What the connection does around it: it writes the prompt itself — at the
 * start, after each 'line' and 'interrupt' event, after reset() — and the
 * editor takes the cursor to stand right after it. It handles the events of
 * a push in order: after a 'line', the reply and the next prompt are written
 * before the output events that follow (keys typed ahead). Output that comes
 * while a line is being typed goes between clear() and redraw().
 */
import { clusterBoundaries, width, widthBetween } from './width.js';
import { KeyDecoder, type KeyName } from './keys.js';

export interface EditorOptions {
  /** The prompt shown before the line (e.g. '?> '); the editor redraws it on Ctrl-L and after a completion listing. */
  prompt: string;
  /** The terminal's width in columns, read each time (it changes on resize). */
  columns(): number;
  /** Words of the index starting with a prefix (lower case), at most `max`, in order. */
  complete(prefix: string, max: number): string[];
  /** Lines kept for Up/Down (default 100). */
  historySize?: number;
}

export type EditorEvent =
  | { kind: 'output'; text: string }
  | { kind: 'line'; text: string }
  | { kind: 'interrupt' }
  | { kind: 'end' };

/** A line longer than this, in UTF-8 bytes, rings the bell instead of growing (the line protocol's own limit is larger). */
export const MAX_EDITED_LINE_BYTES = 4096;
export const DEFAULT_HISTORY_SIZE = 100;
/** The width assumed while columns() gives none (a client that has not sent its window size). */
export const DEFAULT_COLUMNS = 80;
/** Tab lists at most this many choices; more are announced, not shown. */
export const MAX_LISTED_COMPLETIONS = 40;
/** Columns between two choices of a listing. */
const LISTING_GAP = 2;

const BELL = '\x07';
const CRLF = '\r\n';
const CSI = '\x1b[';
const CLEAR_TO_END_OF_SCREEN = `${CSI}J`;
const CLEAR_SCREEN = `${CSI}H${CSI}2J`;
/** Colour and other SGR sequences a prompt may hold take no columns. */
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]/g;


/** Where the terminal's cursor is, counted from the first column of the prompt's first row. */
interface Spot {
  row: number;
  col: number;
}

/** A line as drawn after the prompt at a width: its cluster boundaries and where the cursor stands at each. */
interface Layout {
  line: string;
  columns: number;
  /** The start of every cluster, then the line's length. */
  boundaries: number[];
  /** Per boundary: on the cluster drawn there (the next row's start when it did not fit), or after the last. */
  spots: Spot[];
  /** Where drawing the line leaves the terminal's cursor: col is the width when the line ends at the right margin. */
  end: Spot;
}

export class LineEditor {
  private readonly keys = new KeyDecoder();
  private readonly historySize: number;
  private line = '';
  /** In UTF-16 units, always on a grapheme boundary. */
  private cursor = 0;
  /** Where the terminal's cursor is now. */
  private screen: Spot;
  private readonly history: string[] = [];
  /** Which history entry is shown: history.length is the line being typed (the draft). */
  private recalled = 0;
  private draft = '';
  /** The clusters and the layout of the line last asked for: cursor moves read them instead of segmenting the line again. */
  private clustered: { line: string; boundaries: number[] } | undefined;
  private laidOut: Layout | undefined;
  /**
   * The screen shows an older line: edits only change the line, and the end
   * of the push (or an event) draws it once. A paste of keys, or a client
   * sending edits in bulk, costs one redraw a push rather than one a key.
   */
  private stale = false;

  constructor(private readonly options: EditorOptions) {
    this.historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
    this.screen = this.afterPrompt();
  }

  push(bytes: Buffer): EditorEvent[] {
    const events: EditorEvent[] = [];
    let output = '';
    const emit = (event: EditorEvent) => {
      if (output !== '') events.push({ kind: 'output', text: output });
      output = '';
      events.push(event);
    };
    for (const key of this.keys.push(bytes)) {
      if (key.kind === 'text') output += this.insert(key.text);
      else if (key.name === 'enter') {
        output += this.flush() + this.moveTo(this.line.length);
        // A line that filled its last row left the cursor on a fresh row already (see draw).
        if (this.screen.col !== 0 || this.screen.row === 0) output += CRLF;
        const text = this.line;
        this.remember(text);
        this.reset();
        emit({ kind: 'line', text });
      } else if (key.name === 'interrupt') {
        output += this.flush() + this.moveTo(this.line.length) + '^C' + CRLF;
        this.reset();
        emit({ kind: 'interrupt' });
      } else if (key.name === 'end-of-input' && this.line === '') {
        output += this.flush();
        emit({ kind: 'end' });
      } else output += this.edit(key.name);
    }
    output += this.flush();
    if (output !== '') events.push({ kind: 'output', text: output });
    return events;
  }

  /** Forget the line being typed (after the session printed something else, the caller writes the prompt itself). */
  reset(): void {
    this.line = '';
    this.cursor = 0;
    this.recalled = this.history.length;
    this.draft = '';
    this.stale = false;
    this.screen = this.afterPrompt();
  }

  /**
   * Erases the prompt and the line as drawn (all their rows), leaving the
   * cursor in column 0 of the prompt's row: write this, then the output that
   * arrived while a line was being typed, then redraw().
   */
  clear(): string {
    const text = this.toPromptStart() + CLEAR_TO_END_OF_SCREEN;
    this.screen = { row: 0, col: 0 };
    // Should no redraw() follow, the next push draws the line again.
    this.stale = true;
    return text;
  }

  /** Redraw prompt + current line from column 0 (e.g. after output arrived). */
  redraw(): string {
    return '\r' + CLEAR_TO_END_OF_SCREEN + this.draw();
  }

  private edit(name: Exclude<KeyName, 'enter' | 'interrupt'>): string {
    const { line, cursor } = this;
    const boundaries = this.boundaries(line);
    const at = boundaries.indexOf(cursor);
    const previous = boundaries[Math.max(0, at - 1)];
    const next = boundaries[Math.min(boundaries.length - 1, at + 1)];
    switch (name) {
      case 'left':
        return this.moveTo(previous);
      case 'right':
        return this.moveTo(next);
      case 'home':
        return this.moveTo(0);
      case 'end':
        return this.moveTo(line.length);
      case 'backspace':
        return cursor === 0 ? '' : this.replace(previous, cursor, '');
      case 'delete':
      case 'end-of-input':
        return cursor === line.length ? '' : this.replace(cursor, next, '');
      case 'delete-to-start':
        return cursor === 0 ? '' : this.replace(0, cursor, '');
      case 'delete-to-end':
        return cursor === line.length ? '' : this.replace(cursor, line.length, '');
      case 'delete-word':
        return cursor === 0 ? '' : this.replace(wordStart(line, cursor, true), cursor, '');
      case 'up':
        return this.recall(this.recalled - 1);
      case 'down':
        return this.recall(this.recalled + 1);
      case 'tab':
        return this.completeWord();
      case 'clear-screen':
        return CLEAR_SCREEN + this.draw();
    }
  }

  /** Inserts typed text at the cursor: as much as fits under MAX_EDITED_LINE_BYTES, with the bell if not all of it. */
  private insert(text: string): string {
    const room = MAX_EDITED_LINE_BYTES - Buffer.byteLength(this.line);
    let fitting = text;
    if (Buffer.byteLength(text) > room) {
      fitting = '';
      let bytes = 0;
      for (const char of text) {
        bytes += Buffer.byteLength(char);
        if (bytes > room) break;
        fitting += char;
      }
    }
    const echo = fitting === '' ? '' : this.replace(this.cursor, this.cursor, fitting);
    return fitting === text ? echo : echo + BELL;
  }

  /**
   * Puts `text` in place of line[from … to) and leaves the cursor after it.
   * Typing at the end echoes the text alone, unless it joins the last
   * cluster (a combining mark, a ZWJ), which may change its width.
   */
  private replace(from: number, to: number, text: string): string {
    const appended = from === this.line.length && to === from;
    this.line = this.line.slice(0, from) + text + this.line.slice(to);
    this.cursor = from + text.length;
    if (this.stale || !appended || !this.boundaries(this.line).includes(from)) {
      this.stale = true;
      return '';
    }
    const { spots, end, columns } = this.layout(this.line);
    this.screen = spots[spots.length - 1];
    // A line that now ends at the right margin: CR LF takes the cursor out of pending wrap, as draw() does.
    return text + (end.col >= columns ? CRLF : '');
  }

  /** When the screen shows an older line: back to the start of the prompt, clear below, and write prompt and line again. */
  private flush(): string {
    return this.stale ? this.toPromptStart() + CLEAR_TO_END_OF_SCREEN + this.draw() : '';
  }

  private toPromptStart(): string {
    return '\r' + (this.screen.row > 0 ? `${CSI}${this.screen.row}A` : '');
  }

  /** Writes prompt and line from the start of a row, and puts the cursor in place. */
  private draw(): string {
    const { end, columns } = this.layout(this.line);
    let text = this.options.prompt + this.line;
    let at: Spot = end;
    if (end.col >= columns) {
      text += CRLF;
      at = { row: end.row + 1, col: 0 };
    }
    this.screen = at;
    this.stale = false;
    return text + this.moveTo(this.cursor);
  }

  /** Moves the terminal's cursor to line position `position` (a grapheme boundary). */
  private moveTo(position: number): string {
    this.cursor = position;
    if (this.stale) return '';
    const { boundaries, spots } = this.layout(this.line);
    const target = spots[boundaries.indexOf(position)];
    const from = this.screen;
    this.screen = target;
    let moves = '';
    if (target.row < from.row) moves += `${CSI}${from.row - target.row}A`;
    if (target.row > from.row) moves += `${CSI}${target.row - from.row}B`;
    if (target.col < from.col) moves += `${CSI}${from.col - target.col}D`;
    if (target.col > from.col) moves += `${CSI}${target.col - from.col}C`;
    return moves;
  }

  /** Shows history entry `entry` (history.length: the draft), keeping the draft when leaving it. */
  private recall(entry: number): string {
    if (entry < 0 || entry > this.history.length) return '';
    if (this.recalled === this.history.length) this.draft = this.line;
    this.recalled = entry;
    const text = entry === this.history.length ? this.draft : this.history[entry];
    return this.replace(0, this.line.length, text);
  }

  private remember(text: string): void {
    if (text.trim() === '' || this.history.at(-1) === text) return;
    this.history.push(text);
    if (this.history.length > this.historySize) this.history.splice(0, this.history.length - this.historySize);
  }

  /** Tab: the run of non-blank characters ending at the cursor, completed from the index's words. */
  private completeWord(): string {
    const start = wordStart(this.line, this.cursor, false);
    const word = this.line.slice(start, this.cursor);
    if (word === '') return BELL;
    const prefix = word.toLowerCase();
    const choices = this.options.complete(prefix, MAX_LISTED_COMPLETIONS + 1).filter((choice) => choice.startsWith(prefix));
    if (choices.length === 0) return BELL;
    // A word whose lower case has another length (İ) is replaced by the choice; others keep what was typed.
    const completing = (completed: string) =>
      prefix.length === word.length ? this.insert(completed.slice(word.length)) : this.replace(start, this.cursor, completed);
    if (choices.length === 1) return completing(choices[0] + ' ');
    // Beyond the listing there are more words, whose common prefix with these is not known: list only.
    const shared = choices.length > MAX_LISTED_COMPLETIONS ? prefix : commonPrefix(choices);
    if (shared.length > prefix.length) return completing(shared);
    return this.flush() + this.moveTo(this.line.length) + CRLF + listing(choices.slice(0, MAX_LISTED_COMPLETIONS), this.columns(), choices.length > MAX_LISTED_COMPLETIONS) + this.draw();
  }

  /** The spot after the prompt, where the caller leaves the cursor when it writes the prompt. */
  private afterPrompt(): Spot {
    return this.layout('').spots[0];
  }

  private boundaries(line: string): number[] {
    if (this.clustered?.line !== line) this.clustered = { line, boundaries: clusterBoundaries(line) };
    return this.clustered.boundaries;
  }

  /** The terminal's width; before a client has told it (0, NaN), DEFAULT_COLUMNS. */
  private columns(): number {
    const columns = Math.floor(this.options.columns());
    return columns >= 1 ? columns : DEFAULT_COLUMNS;
  }

  private layout(line: string): Layout {
    const columns = this.columns();
    if (this.laidOut?.line !== line || this.laidOut.columns !== columns) this.laidOut = layOut(visiblePrompt(this.options.prompt), line, this.boundaries(line), columns);
    return this.laidOut;
  }
}

/** Draws the prompt and the line in the model: a cluster that does not fit the row goes to the next one, as terminals do. */
function layOut(prompt: string, line: string, boundaries: number[], columns: number): Layout {
  let spot = advance({ row: 0, col: 0 }, prompt, columns);
  const spots: Spot[] = [];
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const cells = widthBetween(line, boundaries[k], boundaries[k + 1]);
    const drawn = cells > 0 && spot.col + cells > columns ? { row: spot.row + 1, col: 0 } : normalised(spot, columns);
    spots.push(drawn);
    if (cells > 0) spot = { row: drawn.row, col: drawn.col + cells };
  }
  spots.push(normalised(spot, columns));
  return { line, columns, boundaries, spots, end: spot };
}

/** A spot in pending wrap (col === columns) is where the next cluster starts: the next row. */
function normalised(spot: Spot, columns: number): Spot {
  return spot.col >= columns ? { row: spot.row + 1, col: 0 } : spot;
}

/** The spot after drawing `text` from `spot`: a cluster that does not fit the row goes to the next one. */
function advance(spot: Spot, text: string, columns: number): Spot {
  let { row, col } = spot;
  const boundaries = clusterBoundaries(text);
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const cells = widthBetween(text, boundaries[k], boundaries[k + 1]);
    if (cells === 0) continue;
    if (col + cells > columns) {
      row += 1;
      col = 0;
    }
    col += cells;
  }
  return { row, col };
}

function visiblePrompt(prompt: string): string {
  return prompt.replace(ESCAPE_SEQUENCE, '');
}

/**
 * Where the word before `position` starts: the run of non-blank characters
 * ending there; for Ctrl-W (`skipBlanks`) the blanks just before the cursor
 * go with it, as in readline's unix-word-rubout.
 */
function wordStart(text: string, position: number, skipBlanks: boolean): number {
  let start = position;
  if (skipBlanks) while (start > 0 && /\s/.test(text[start - 1])) start--;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  return start;
}

/** The longest prefix all choices share, by code points. */
function commonPrefix(choices: string[]): string {
  let shared = Array.from(choices[0]);
  for (const choice of choices.slice(1)) {
    const chars = Array.from(choice);
    let k = 0;
    while (k < shared.length && k < chars.length && shared[k] === chars[k]) k++;
    shared = shared.slice(0, k);
  }
  return shared.join('');
}

/** Choices in rows of columns fitting the width (left to right, in the order given), each row ended by CR LF. */
function listing(choices: string[], columns: number, more: boolean): string {
  const cell = Math.max(...choices.map(width)) + LISTING_GAP;
  // A row is kept short of the last column, so no terminal wraps it.
  const perRow = Math.max(1, Math.floor((columns - 1 + LISTING_GAP) / cell));
  let text = '';
  for (let k = 0; k < choices.length; k += perRow) {
    const row = choices.slice(k, k + perRow);
    text += row.map((choice, j) => (j === row.length - 1 ? choice : choice + ' '.repeat(cell - width(choice)))).join('') + CRLF;
  }
  if (more) text += `(more than ${MAX_LISTED_COMPLETIONS}: type more of the word)` + CRLF;
  return text;
}
