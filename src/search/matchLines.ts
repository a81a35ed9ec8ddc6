/**
 * An answer's matches, filled lazily: as text lines, turned into bytes batch
 * by batch, or one match at a time as a value (JSON, the HTTP API). Lines
 * come pre-encoded from the index; consecutive characters are one slice of
 * its buffer, so a reply such as `cjk` goes out as a few large views with
 * nothing copied per line. Only a line that says more than the index holds —
 * why it matched (`[NBSP]`, `[ru: кот]`) or a `/lang` short name — adds text,
 * written after the index's bytes of its line when the batch is put together.
 */
import type { CharIndex } from '../index/charIndex.js';
import { CRLF, formatCodePoint } from '../index/display.js';
import { contains, intersect, lowerBound, union } from '../index/postings.js';
import type { Explanation, Segment, Via } from './result.js';

/** One match, for formats other than the text lines (JSON, the HTTP API). */
export interface Match {
  /** The code point, or a sequence's first one. */
  codePoint: number;
  /** Every code point: one for a character, all of a sequence's (🇫🇷 is U+1F1EB U+1F1F7). */
  codePoints: readonly number[];
  /** Position in the index, or -1 for a code point it lacks (unassigned, private use…). */
  charIndex: number;
  /** The character column: the character, or a visible stand-in. */
  char: string;
  name: string;
  via: Via;
  /** The alias or keyword that matched (shown in brackets in text mode), if not the name. */
  note: string | null;
  /** The CLDR short name in the connection's `/lang`, if any. */
  localName: string | null;
}

export interface ResultLines {
  readonly total: number;
  /** How many of the matches are sequences (🇫🇷, 👍🏽) rather than code points. */
  readonly sequences: number;
  /**
   * Appends text lines for positions `from` … `end`-1 until `maxBytes` are
   * gathered (at least one line); returns the position after the last line added.
   */
  fill(from: number, end: number, maxBytes: number, out: BatchBytes): number;
  /** The match at a position (0 ≤ position < total). */
  match(position: number): Match;
}

export interface Batch {
  bytes: Buffer;
  next: number;
}

/**
 * A batch's bytes as they are gathered: views of the index's lines, and the
 * text noted lines add, written into one buffer when taken (a batch of one
 * view is that view). A noted line was decoded, extended, encoded again by
 * Buffer.from and then copied by Buffer.concat; now its text is encoded once,
 * in place. What is left of an everyday reply's cost is mostly a view per
 * line (the index gives no other way to its bytes) and each text's encoding.
 */
export class BatchBytes {
  /** The first `count` are this batch's; a view, or a text that takes the place of the line end before it. */
  private readonly pieces: (Buffer | string | null)[] = [];
  private count = 0;
  /** Bytes gathered so far. */
  length = 0;

  /** Views and texts gathered so far. */
  get pieceCount(): number {
    return this.count;
  }

  add(bytes: Buffer): void {
    this.pieces[this.count++] = bytes;
    this.length += bytes.length;
  }

  /** Text in place of the line end of the line just added, the text ending in one of its own: no view of the line without its end. */
  endLine(text: string): void {
    this.pieces[this.count++] = text;
    this.length += Buffer.byteLength(text) - CRLF.length;
  }

  /** The bytes gathered, as one buffer; the gathering starts again empty. */
  take(): Buffer {
    const { pieces, count } = this;
    const first = pieces[0];
    let bytes: Buffer;
    if (count === 1 && typeof first !== 'string') bytes = first!;
    else {
      bytes = Buffer.allocUnsafe(this.length);
      let at = 0;
      for (let k = 0; k < count; k++) {
        const piece = pieces[k]!;
        if (typeof piece === 'string') at += bytes.write(piece, at - CRLF.length) - CRLF.length;
        else {
          bytes.set(piece, at);
          at += piece.length;
        }
      }
    }
    this.clear();
    return bytes;
  }

  clear(): void {
    // The views and texts are let go; the array keeps its length (setting it is a call into the runtime).
    for (let k = 0; k < this.count; k++) this.pieces[k] = null;
    this.count = 0;
    this.length = 0;
  }
}

/** Batches are made one at a time, synchronously: they share one gathering. */
const gathered = new BatchBytes();

/** One batch of text lines, about `maxBytes` at most, from position `from` and before `end`. */
export function nextBatch(lines: ResultLines, from: number, end: number, maxBytes: number): Batch {
  gathered.clear();
  const next = lines.fill(from, end, maxBytes, gathered);
  return { bytes: gathered.take(), next };
}

/** A code point asked for by itself (or one the index lacks): its line is made on the spot. */
interface LoosePart {
  kind: 'loose';
  codePoint: number;
  via: Via;
}

/** A search's segments are parts as they are: an answer copies none of them. */
export type Part = Segment | LoosePart;

function isLoose(part: Part): part is LoosePart {
  return (part as LoosePart).kind === 'loose';
}

export const NO_CHARS = new Uint32Array(0);

/** Matches in parts — runs of index chars in ascending order, or loose code points — in output order. */
export class MatchLines implements ResultLines {
  readonly total: number;
  private sequenceTotal: number | undefined;
  /** Position of each part's first line. */
  private readonly starts: number[];
  /**
   * Per part, under a `/lang` with short names: its chars whose lines carry
   * more than the index line, ascending; else null, and those of a segment
   * are the ones it explains.
   */
  private readonly noted: Uint32Array[] | null;

  constructor(
    private readonly index: CharIndex,
    private readonly parts: Part[],
    private readonly explanations: ReadonlyMap<number, Explanation>,
    /** CLDR language id whose short names are shown, or -1. */
    private readonly language: number,
  ) {
    const annotated = language >= 0 ? index.charsWithShortName(language) : NO_CHARS;
    this.starts = new Array<number>(parts.length);
    this.noted = annotated.length > 0 ? new Array<Uint32Array>(parts.length) : null;
    let total = 0;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      this.starts[k] = total;
      if (isLoose(part)) {
        if (this.noted) this.noted[k] = NO_CHARS;
        total += 1;
      } else {
        if (this.noted) this.noted[k] = union([part.explained, intersect([part.chars, annotated])]);
        total += part.chars.length;
      }
    }
    this.total = total;
  }

  get sequences(): number {
    if (this.sequenceTotal === undefined) {
      let found = 0;
      for (const part of this.parts) {
        if (isLoose(part)) continue;
        for (const char of part.chars) if (this.index.isSequence(char)) found++;
      }
      this.sequenceTotal = found;
    }
    return this.sequenceTotal;
  }

  fill(from: number, end: number, maxBytes: number, out: BatchBytes): number {
    const stopAt = Math.min(end, this.total);
    const limit = out.length + maxBytes;
    let at = from;
    let partIndex = this.partAt(from);
    while (at < stopAt && out.length < limit) {
      const part = this.parts[partIndex];
      const offset = at - this.starts[partIndex];
      if (isLoose(part)) {
        this.addLooseLine(part.codePoint, out);
        at++;
        partIndex++;
        continue;
      }
      const added = this.fillSegment(part, this.noted ? this.noted[partIndex] : part.explained, offset, offset + (stopAt - at), limit, out);
      at += added;
      if (this.segmentFull) break;
      if (offset + added === part.chars.length) partIndex++;
    }
    return at;
  }

  /** Set by fillSegment: whether a run it cut at the byte limit ended the batch. */
  private segmentFull = false;

  /**
   * Lines of one segment from `offset` until `out` holds `limit` bytes: runs
   * of plain lines as slices, noted lines one by one; returns how many. A run
   * cut by the byte limit ends the batch (segmentFull), so a batch of
   * consecutive characters stays one slice, never copied.
   */
  private fillSegment(segment: Segment, noted: Uint32Array, offset: number, endOffset: number, limit: number, out: BatchBytes): number {
    const { index } = this;
    const { chars } = segment;
    const stopAt = Math.min(endOffset, chars.length);
    let at = offset;
    let notedAt = lowerBound(noted, chars[at] ?? 0);
    this.segmentFull = false;
    while (at < stopAt && out.length < limit) {
      const char = chars[at];
      while (notedAt < noted.length && noted[notedAt] < char) notedAt++;
      if (notedAt < noted.length && noted[notedAt] === char) {
        this.addNotedLine(char, segment, out);
        at++;
        continue;
      }
      // Extend a run of consecutive characters, stopping before a noted one.
      let end = at + 1;
      const stop = notedAt < noted.length ? noted[notedAt] : Infinity;
      let full = false;
      while (end < stopAt && chars[end] === chars[end - 1] + 1 && chars[end] < stop) {
        if (out.length + index.runBytes(char, chars[end]) > limit) {
          full = true;
          break;
        }
        end++;
      }
      out.add(index.lineRun(char, chars[end - 1] + 1));
      at = end;
      if (full) {
        this.segmentFull = true;
        break;
      }
    }
    return at - offset;
  }

  /** The line of a code point asked for by itself: the index's line, with the `/lang` short name if it has one. */
  private addLooseLine(codePoint: number, out: BatchBytes): void {
    const localName = this.localName(this.index.indexOf(codePoint));
    const line = this.index.describe(codePoint);
    out.add(line);
    if (localName !== null) out.endLine(` (${localName})${CRLF}`);
  }

  /** The index's line, and what it says besides before its end: ` (short name)`, ` [why it matched]`. */
  private addNotedLine(char: number, segment: Segment, out: BatchBytes): void {
    out.add(this.index.line(char));
    const localName = this.localName(char);
    const note = this.explanationOf(char, segment)?.note ?? null;
    if (localName !== null || note !== null) out.endLine(`${localName === null ? '' : ` (${localName})`}${note === null ? '' : ` [${note}]`}${CRLF}`);
  }

  /** How a char of the segment matched, when it has an explanation of its own (an alias, a keyword). */
  private explanationOf(char: number, segment: Segment): Explanation | undefined {
    const explanation = this.explanations.get(char);
    return explanation !== undefined && contains(segment.explained, char) ? explanation : undefined;
  }

  /** The `/lang` short name of an entry (-1: none in the index), if it has one. */
  private localName(char: number): string | null {
    return char >= 0 && this.language >= 0 ? this.index.shortName(char, this.language) : null;
  }

  private describe(char: number, segment: Segment): { via: Via; note: string | null; localName: string | null } {
    const explanation = this.explanationOf(char, segment);
    return { via: explanation?.via ?? segment.via, note: explanation?.note ?? null, localName: this.localName(char) };
  }

  match(position: number): Match {
    const partIndex = this.partAt(position);
    const part = this.parts[partIndex];
    if (isLoose(part)) {
      const charIndex = this.index.indexOf(part.codePoint);
      const { display: char, name } = this.index.codePointColumns(part.codePoint);
      return { codePoint: part.codePoint, codePoints: [part.codePoint], charIndex, char, name, via: part.via, note: null, localName: this.localName(charIndex) };
    }
    const charIndex = part.chars[position - this.starts[partIndex]];
    return {
      codePoint: this.index.codePoint(charIndex),
      codePoints: this.index.codePointsOf(charIndex),
      charIndex,
      char: this.index.display(charIndex),
      name: this.index.name(charIndex),
      ...this.describe(charIndex, part),
    };
  }

  private partAt(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.starts[mid] <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/**
 * One match as the JSON mode (and the HTTP API) sends it: the raw character, not the text mode's stand-in.
 * A sequence has its code points as an array (`"cp":["U+1F1EB","U+1F1F7"]`) and its `kind` (flag, tag, keycap, modifier, zwj, named).
 */
export function matchObject(index: CharIndex, match: Match): Record<string, unknown> {
  const sequence = match.codePoints.length > 1;
  const details = sequence ? index.entryDetails(match.charIndex) : index.details(match.codePoint);
  const object: Record<string, unknown> = {
    cp: sequence ? match.codePoints.map(formatCodePoint) : formatCodePoint(match.codePoint),
    char: String.fromCodePoint(...match.codePoints),
    ...emojiFormField(index, match),
    name: details.name,
    ...(sequence ? { kind: index.sequenceKind(match.charIndex) } : {}),
    block: details.block,
    category: details.category,
    age: details.age,
    via: match.via,
  };
  if (match.note !== null) object.matched = match.note;
  if (match.localName !== null) object.localName = match.localName;
  return object;
}

/** `emojiForm: "❤️"` for a character shown as text by default, and nothing for the rest. */
function emojiFormField(index: CharIndex, match: Match): { emojiForm?: string } {
  const emojiForm = match.codePoints.length > 1 ? null : index.emojiForm(match.charIndex);
  return emojiForm === null ? {} : { emojiForm };
}
