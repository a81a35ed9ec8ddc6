/**
 * Splits the client's byte stream into lines. A line ends at LF, CRLF, CR NUL
 * or a bare CR (the byte after a CR is swallowed when it is LF or NUL, even in
 * the next packet). Lines are decoded as strict UTF-8: invalid sequences,
 * overlong forms and encoded surrogates are reported, not replaced; terminal
 * escape sequences (arrow keys) are then cut out of the text (see escapes.ts).
 */
import { stripEscapes } from './escapes.js';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const EOT = 0x04; // Ctrl-D

export type LineEvent =
  /** `escapes`: how many escape sequences were cut out, when there were any (a line of nothing else is then empty). */
  | { kind: 'line'; text: string; escapes?: number }
  /** A line over the length limit, discarded up to its end. */
  | { kind: 'too-long'; bytes: number }
  | { kind: 'invalid-utf8' }
  /** Ctrl-D at the start of a line. */
  | { kind: 'end-of-transmission' }
  /** So many bytes without a line end that the connection should be dropped. */
  | { kind: 'runaway'; bytes: number };

export interface LineLimits {
  /** Longest line accepted, in bytes, terminator excluded. */
  maxLineBytes: number;
  /** Bytes without a line end at which the client is considered hostile and dropped (reached, not exceeded). */
  maxUnterminatedBytes: number;
}


const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current line seen so far, kept or not. */
  private lineBytes = 0;
  private discarding = false;
  private afterCR = false;
  private stopped = false;

  constructor(private readonly limits: LineLimits) {}

  /** True while part of a line has arrived but not its end. */
  get hasPartialLine(): boolean {
    return this.lineBytes > 0;
  }

  /** Where the last push stopped in its chunk: its length, unless `maxEvents` cut it short. */
  stoppedAt = 0;

  /**
   * Splits a chunk. With `maxEvents`, stops after that many lines; the caller
   * keeps the rest of the chunk (from `stoppedAt`) to push again later.
   */
  push(chunk: Buffer, maxEvents = Infinity): LineEvent[] {
    const events: LineEvent[] = [];
    this.stoppedAt = chunk.length;
    if (this.stopped) return events;
    let start = 0;
    if (this.afterCR && chunk.length > 0) {
      this.afterCR = false;
      if (chunk[0] === LF || chunk[0] === NUL) start = 1;
    }
    const ends = new LineEnds(chunk);
    while (start < chunk.length) {
      if (this.lineBytes === 0 && chunk[start] === EOT) {
        events.push({ kind: 'end-of-transmission' });
        this.stopped = true;
        return events;
      }
      const end = ends.next(start);
      // Checked before keeping anything: the limit holds to the byte, whatever the size of the reads.
      if (this.lineBytes + ((end < 0 ? chunk.length : end) - start) >= this.limits.maxUnterminatedBytes) {
        events.push({ kind: 'runaway', bytes: this.limits.maxUnterminatedBytes });
        this.stopped = true;
        this.pending = [];
        return events;
      }
      if (end < 0) {
        this.keep(chunk.subarray(start));
        return events;
      }
      // A line wholly in this chunk (the usual case) is decoded where it lies; else its parts are gathered.
      if (this.lineBytes === 0 && end - start <= this.limits.maxLineBytes) events.push(lineOf(chunk, start, end));
      else {
        this.keep(chunk.subarray(start, end));
        events.push(this.finishLine());
      }
      start = end + 1;
      if (chunk[end] === CR) {
        if (start === chunk.length) this.afterCR = true;
        else if (chunk[start] === LF || chunk[start] === NUL) start++;
      }
      if (events.length >= maxEvents && start < chunk.length) {
        this.stoppedAt = start;
        return events;
      }
    }
    return events;
  }

  /** The client sent its last byte: an unterminated last line still counts. */
  end(): LineEvent[] {
    if (this.stopped || this.lineBytes === 0) return [];
    return [this.finishLine()];
  }

  private keep(bytes: Buffer): void {
    this.lineBytes += bytes.length;
    if (this.discarding || bytes.length === 0) return;
    if (this.lineBytes > this.limits.maxLineBytes) {
      this.discarding = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private finishLine(): LineEvent {
    const bytes = this.lineBytes;
    const parts = this.pending;
    const discarded = this.discarding;
    this.pending = [];
    this.pendingBytes = 0;
    this.lineBytes = 0;
    this.discarding = false;
    if (discarded) return { kind: 'too-long', bytes };
    const line = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    return lineOf(line, 0, line.length);
  }
}

/** The line in bytes `start` … `end`-1, decoded, its escape sequences cut out; or why it is not one. */
function lineOf(bytes: Buffer, start: number, end: number): LineEvent {
  // ASCII, most lines, is read byte for byte where it lies: half the decoder's cost (0.17 against 0.37 µs a line), and no subarray.
  let text: string;
  if (isAscii(bytes, start, end)) text = bytes.toString('latin1', start, end);
  else {
    try {
      text = strictUtf8.decode(bytes.subarray(start, end));
    } catch {
      return { kind: 'invalid-utf8' };
    }
  }
  const { text: keys, removed } = stripEscapes(text);
  return removed > 0 ? { kind: 'line', text: keys, escapes: removed } : { kind: 'line', text };
}

/** ASCII is valid UTF-8 that decodes byte for byte: most lines need no decoder. */
function isAscii(bytes: Buffer, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k] >= 0x80) return false;
  return true;
}

/** Finds successive line ends in a chunk, remembering each kind's next position so a chunk of many lines is scanned once. */
class LineEnds {
  private lf = -2;
  private cr = -2;
  constructor(private readonly chunk: Buffer) {}

  next(from: number): number {
    if (this.lf !== -1 && this.lf < from) this.lf = this.chunk.indexOf(LF, from);
    if (this.cr !== -1 && this.cr < from) this.cr = this.chunk.indexOf(CR, from);
    if (this.lf < 0) return this.cr;
    if (this.cr < 0) return this.lf;
    return Math.min(this.lf, this.cr);
  }
}
