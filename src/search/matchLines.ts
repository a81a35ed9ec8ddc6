/**
 * An answer's matches, filled lazily: as text lines, turned into bytes batch
 * by batch, or one match at a time as a value (JSON, the HTTP API). Lines
 * come pre-encoded from the index; consecutive characters are one slice of
 * its buffer, so a reply such as `cjk` goes out as a few large views with
 * nothing copied per line. Only a line that says more than the index holds —
 * why it matched (`[NBSP]`, `[ru: кот]`) or a `/lang` short name — is built as text.
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
  fill(from: number, end: number, maxBytes: number, parts: Buffer[]): number;
  /** The match at a position (0 ≤ position < total). */
  match(position: number): Match;
}

export interface Batch {
  bytes: Buffer;
  next: number;
}

/** One batch of text lines, about `maxBytes` at most, from position `from` and before `end`. */
export function nextBatch(lines: ResultLines, from: number, end: number, maxBytes: number): Batch {
  const parts: Buffer[] = [];
  const next = lines.fill(from, end, maxBytes, parts);
  return { bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts), next };
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
  private readonly starts: number[] = [];
  /** Per part: its chars whose lines carry more than the index line, ascending. */
  private readonly noted: Uint32Array[] = [];

  constructor(
    private readonly index: CharIndex,
    private readonly parts: Part[],
    private readonly explanations: ReadonlyMap<number, Explanation>,
    /** CLDR language id whose short names are shown, or -1. */
    private readonly language: number,
  ) {
    const annotated = language >= 0 ? index.charsWithShortName(language) : NO_CHARS;
    let total = 0;
    for (const part of parts) {
      this.starts.push(total);
      if (isLoose(part)) {
        this.noted.push(NO_CHARS);
        total += 1;
      } else {
        this.noted.push(annotated.length > 0 ? union([part.explained, intersect([part.chars, annotated])]) : part.explained);
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

  fill(from: number, end: number, maxBytes: number, out: Buffer[]): number {
    const stopAt = Math.min(end, this.total);
    let bytes = 0;
    let at = from;
    let partIndex = this.partAt(from);
    while (at < stopAt && bytes < maxBytes) {
      const part = this.parts[partIndex];
      const offset = at - this.starts[partIndex];
      if (isLoose(part)) {
        const line = this.looseLine(part.codePoint);
        out.push(line);
        bytes += line.length;
        at++;
        partIndex++;
        continue;
      }
      const added = this.fillSegment(part, this.noted[partIndex], offset, offset + (stopAt - at), maxBytes - bytes, out);
      bytes += added.bytes;
      at += added.lines;
      if (added.full) break;
      if (offset + added.lines === part.chars.length) partIndex++;
    }
    return at;
  }

  /**
   * Lines of one segment from `offset`: runs of plain lines as slices, noted
   * lines one by one. A run cut by the byte limit ends the batch (`full`), so
   * a batch of consecutive characters stays one slice, never copied.
   */
  private fillSegment(
    segment: Segment,
    noted: Uint32Array,
    offset: number,
    endOffset: number,
    maxBytes: number,
    out: Buffer[],
  ): { lines: number; bytes: number; full: boolean } {
    const { index } = this;
    const { chars } = segment;
    const stopAt = Math.min(endOffset, chars.length);
    let bytes = 0;
    let at = offset;
    let notedAt = lowerBound(noted, chars[at] ?? 0);
    while (at < stopAt && bytes < maxBytes) {
      const char = chars[at];
      while (notedAt < noted.length && noted[notedAt] < char) notedAt++;
      if (notedAt < noted.length && noted[notedAt] === char) {
        const line = this.notedLine(char, segment);
        out.push(line);
        bytes += line.length;
        at++;
        continue;
      }
      // Extend a run of consecutive characters, stopping before a noted one.
      let end = at + 1;
      const stop = notedAt < noted.length ? noted[notedAt] : Infinity;
      let full = false;
      while (end < stopAt && chars[end] === chars[end - 1] + 1 && chars[end] < stop) {
        if (bytes + index.runBytes(char, chars[end]) > maxBytes) {
          full = true;
          break;
        }
        end++;
      }
      const run = index.lineRun(char, chars[end - 1] + 1);
      out.push(run);
      bytes += run.length;
      at = end;
      if (full) return { lines: at - offset, bytes, full };
    }
    return { lines: at - offset, bytes, full: false };
  }

  /** The line of a code point asked for by itself: the index's line, with the `/lang` short name if it has one. */
  private looseLine(codePoint: number): Buffer {
    const char = this.index.indexOf(codePoint);
    const localName = char >= 0 && this.language >= 0 ? this.index.shortName(char, this.language) : null;
    const line = this.index.describe(codePoint);
    if (localName === null) return line;
    return Buffer.from(`${line.toString('utf8', 0, line.length - 2)} (${localName})${CRLF}`, 'utf8');
  }

  private notedLine(char: number, segment: Segment): Buffer {
    const line = this.index.line(char);
    const { localName, note } = this.describe(char, segment);
    const local = localName === null ? '' : ` (${localName})`;
    const why = note === null ? '' : ` [${note}]`;
    return Buffer.from(`${line.toString('utf8', 0, line.length - 2)}${local}${why}${CRLF}`, 'utf8');
  }

  private describe(char: number, segment: Segment): { via: Via; note: string | null; localName: string | null } {
    const explanation = this.explanations.get(char);
    const explained = explanation !== undefined && contains(segment.explained, char);
    return {
      via: explained ? explanation.via : segment.via,
      note: explained ? explanation.note : null,
      localName: this.language >= 0 ? this.index.shortName(char, this.language) : null,
    };
  }

  match(position: number): Match {
    const partIndex = this.partAt(position);
    const part = this.parts[partIndex];
    if (isLoose(part)) {
      const charIndex = this.index.indexOf(part.codePoint);
      const { display: char, name } = this.index.codePointColumns(part.codePoint);
      return { codePoint: part.codePoint, codePoints: [part.codePoint], charIndex, char, name, via: part.via, note: null, localName: charIndex >= 0 && this.language >= 0 ? this.index.shortName(charIndex, this.language) : null };
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
