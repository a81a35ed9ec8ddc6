/**
 * Result lines, turned into bytes batch by batch. Lines come pre-encoded from
 * the index; consecutive characters are one slice of its buffer, so a reply
 * such as `cjk` goes out as a few large views with nothing copied per line.
 */
import type { CharIndex } from '../index/charIndex.js';
import { contains } from '../index/postings.js';
import type { Query } from '../query/parse.js';
import { CRLF, describedStatus, matchesStatus } from './reply.js';

/** One result, for formats that describe each match themselves (JSON). */
export interface MatchRecord {
  codePoint: number;
  /** How it was found: 'name', 'alias', 'code-point', 'pasted'. */
  via: string;
  /** The alias or keyword that matched, when not the name. */
  matched: string | null;
}

export interface ResultLines {
  readonly total: number;
  /**
   * Appends text lines for positions `from` … `end`-1 until `maxBytes` are
   * gathered (at least one line); returns the position after the last line added.
   */
  fill(from: number, end: number, maxBytes: number, parts: Buffer[]): number;
  record(position: number): MatchRecord;
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

/** The matches of a word search: char indices in ascending order. */
export class MatchLines implements ResultLines {
  readonly total: number;
  /** Matches owed to an alias, ascending; their lines name the alias in brackets. */
  private readonly viaAlias: Uint32Array;

  constructor(
    private readonly index: CharIndex,
    private readonly matches: Uint32Array,
    private readonly words: readonly string[],
  ) {
    this.total = matches.length;
    this.viaAlias = index.charsMatchedByAlias(words);
  }

  fill(from: number, end: number, maxBytes: number, parts: Buffer[]): number {
    const { index, matches, viaAlias } = this;
    const stopAt = Math.min(end, matches.length);
    let bytes = 0;
    let at = from;
    // Alias matches are few; find where they start for this batch once.
    let aliasAt = lowerBound(viaAlias, matches[at] ?? 0);
    while (at < stopAt && bytes < maxBytes) {
      const char = matches[at];
      while (aliasAt < viaAlias.length && viaAlias[aliasAt] < char) aliasAt++;
      if (aliasAt < viaAlias.length && viaAlias[aliasAt] === char) {
        const line = this.aliasLine(char);
        parts.push(line);
        bytes += line.length;
        at++;
        continue;
      }
      // Extend a run of consecutive characters, stopping before an alias match.
      let runEnd = at + 1;
      const nextAlias = aliasAt < viaAlias.length ? viaAlias[aliasAt] : Infinity;
      while (
        runEnd < stopAt &&
        matches[runEnd] === matches[runEnd - 1] + 1 &&
        matches[runEnd] < nextAlias &&
        bytes + index.runBytes(char, matches[runEnd]) < maxBytes
      ) {
        runEnd++;
      }
      const run = index.lineRun(char, matches[runEnd - 1] + 1);
      parts.push(run);
      bytes += run.length;
      at = runEnd;
    }
    return at;
  }

  record(position: number): MatchRecord {
    const char = this.matches[position];
    const alias = contains(this.viaAlias, char) ? this.index.matchingAlias(char, this.words) : null;
    return { codePoint: this.index.codePoint(char), via: alias === null ? 'name' : 'alias', matched: alias };
  }

  private aliasLine(char: number): Buffer {
    const line = this.index.line(char);
    const alias = this.index.matchingAlias(char, this.words) ?? '';
    return Buffer.from(`${line.toString('utf8', 0, line.length - 2)} [${alias}]${CRLF}`, 'utf8');
  }
}

/** Lines given one by one: a code point, pasted characters. */
export class ListedLines implements ResultLines {
  readonly total: number;
  private readonly lines: Buffer[];

  constructor(
    index: CharIndex,
    private readonly codePoints: number[],
    private readonly via: 'code-point' | 'pasted',
  ) {
    this.lines = codePoints.map((cp) => index.describe(cp));
    this.total = codePoints.length;
  }

  fill(from: number, end: number, maxBytes: number, parts: Buffer[]): number {
    const stopAt = Math.min(end, this.lines.length);
    let bytes = 0;
    let at = from;
    while (at < stopAt && bytes < maxBytes) {
      parts.push(this.lines[at]);
      bytes += this.lines[at].length;
      at++;
    }
    return at;
  }

  record(position: number): MatchRecord {
    return { codePoint: this.codePoints[position], via: this.via, matched: null };
  }
}

function lowerBound(list: Uint32Array, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A query's reply before it is sent: its lines and the status line that closes it. */
export interface Answer {
  query: string;
  lines: ResultLines;
  status(total: number): string;
}

export type AnswerableQuery = Extract<Query, { kind: 'words' | 'code-point' | 'characters' }>;

export function answerQuery(index: CharIndex, query: AnswerableQuery): Answer {
  switch (query.kind) {
    case 'code-point':
      return { query: query.text, lines: new ListedLines(index, [query.codePoint], 'code-point'), status: (n) => matchesStatus(n, query.text) };
    case 'characters':
      return {
        query: query.text,
        lines: new ListedLines(index, query.codePoints, 'pasted'),
        status: (n) => describedStatus(n, query.text),
      };
    case 'words':
      return { query: query.text, lines: new MatchLines(index, index.search(query.words), query.words), status: (n) => matchesStatus(n, query.text) };
  }
}
