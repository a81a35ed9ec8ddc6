/**
 * Result lines, turned into bytes batch by batch. Lines come pre-encoded from
 * the index; consecutive characters are one slice of its buffer, so a reply
 * such as `cjk` goes out as a few large views with nothing copied per line.
 */
import type { CharIndex } from '../index/charIndex.js';
import type { Query } from '../query/parse.js';
import { CRLF, describedStatus, matchesStatus } from './reply.js';

export interface ResultLines {
  readonly total: number;
  /** Appends lines from position `from` until `maxBytes` are gathered; returns the position after the last line added. */
  fill(from: number, maxBytes: number, parts: Buffer[]): number;
}

export interface Batch {
  bytes: Buffer;
  next: number;
}

/** One batch of at most about `maxBytes` (at least one line) starting at `from`. */
export function nextBatch(lines: ResultLines, from: number, maxBytes: number): Batch {
  const parts: Buffer[] = [];
  const next = lines.fill(from, maxBytes, parts);
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

  fill(from: number, maxBytes: number, parts: Buffer[]): number {
    const { index, matches, viaAlias } = this;
    let bytes = 0;
    let at = from;
    // Alias matches are few; find where they start for this batch once.
    let aliasAt = lowerBound(viaAlias, matches[at] ?? 0);
    while (at < matches.length && bytes < maxBytes) {
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
      let end = at + 1;
      const stop = aliasAt < viaAlias.length ? viaAlias[aliasAt] : Infinity;
      while (end < matches.length && matches[end] === matches[end - 1] + 1 && matches[end] < stop && bytes + index.runBytes(char, matches[end]) < maxBytes) end++;
      const run = index.lineRun(char, matches[end - 1] + 1);
      parts.push(run);
      bytes += run.length;
      at = end;
    }
    return at;
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
  constructor(private readonly lines: Buffer[]) {
    this.total = lines.length;
  }

  fill(from: number, maxBytes: number, parts: Buffer[]): number {
    let bytes = 0;
    let at = from;
    while (at < this.lines.length && bytes < maxBytes) {
      parts.push(this.lines[at]);
      bytes += this.lines[at].length;
      at++;
    }
    return at;
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
      return { query: query.text, lines: new ListedLines([index.describe(query.codePoint)]), status: (n) => matchesStatus(n, query.text) };
    case 'characters':
      return {
        query: query.text,
        lines: new ListedLines(query.codePoints.map((cp) => index.describe(cp))),
        status: (n) => describedStatus(n, query.text),
      };
    case 'words':
      return { query: query.text, lines: new MatchLines(index, index.search(query.words), query.words), status: (n) => matchesStatus(n, query.text) };
  }
}
