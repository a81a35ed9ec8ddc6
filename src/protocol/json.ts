/**
 * The machine-readable format (`/format json`): newline-delimited JSON, one
 * object per match, one status object per reply, errors as objects too.
 * The raw character is in the JSON; anything a terminal could act on is
 * written as a \u escape, so the wire stays safe and the parsed value exact.
 */
import type { CharIndex } from '../index/charIndex.js';
import { CRLF, formatCodePoint, jsonEscape, jsonLine, UNSAFE_CATEGORIES } from '../index/display.js';
import { matchObject, type Batch, type Match, type ResultLines } from '../search/matchLines.js';


/** A code point as a JSON string: raw where safe, else as \u escapes (a surrogate pair above U+FFFF). */
function jsonChar(cp: number, category: string): string {
  if (UNSAFE_CATEGORIES.has(category)) {
    return `"${jsonEscape(String.fromCodePoint(cp))}"`;
  }
  if (cp === 0x22) return '"\\""';
  if (cp === 0x5c) return '"\\\\"';
  return `"${String.fromCodePoint(cp)}"`;
}

/**
 * The same object as matchObject, written straight to JSON text: this runs
 * once per match of a reply (98,887 times for `cjk`), so it skips building
 * an object and escaping what cannot need it (names, blocks and categories
 * are ASCII by Unicode's rules; only the character and notes can).
 */
export function matchJsonLine(index: CharIndex, match: Match): string {
  const { codePoint, charIndex } = match;
  // Sequences are few in any reply, and their ZWJs and tags need escapes: the general way.
  if (match.codePoints.length > 1) return jsonLine(matchObject(index, match));
  const details = charIndex >= 0 ? null : index.details(codePoint);
  const category = details ? details.category : index.category(charIndex);
  const name = details ? details.name : match.name;
  const block = details ? details.block : index.block(charIndex);
  const age = details ? details.age : index.age(charIndex);
  const emojiForm = index.emojiForm(charIndex);
  let text = `{"cp":"${formatCodePoint(codePoint)}","char":${jsonChar(codePoint, category)}${emojiForm === null ? '' : `,"emojiForm":${jsonText(emojiForm)}`},"name":"${name}","block":"${block}","category":"${category}","age":${age === null ? 'null' : `"${age}"`},"via":"${match.via}"`;
  if (match.note !== null) text += `,"matched":${jsonText(match.note)}`;
  if (match.localName !== null) text += `,"localName":${jsonText(match.localName)}`;
  return text + '}' + CRLF;
}

function jsonText(value: string): string {
  return jsonLine(value).slice(0, -CRLF.length);
}

export function jsonBatch(index: CharIndex, lines: ResultLines, from: number, end: number, maxBytes: number): Batch {
  let text = '';
  let at = from;
  const stopAt = Math.min(end, lines.total);
  while (at < stopAt && text.length < maxBytes) text += matchJsonLine(index, lines.match(at++));
  return { bytes: Buffer.from(text, 'utf8'), next: at };
}

export interface ReplyStatus {
  query: string;
  /** Matches in all. */
  count: number;
  /** How many of them are sequences, when some are. */
  sequences?: number;
  /** Matches sent so far for this query, pages before included. */
  sent: number;
  /** Whether /more (or an empty line) would send more. */
  more: boolean;
  /** Time spent on this reply or page, in milliseconds. */
  ms: number;
  interrupted?: true;
  /** The server's limit on matches per reply, when it cut this one short. */
  limit?: number;
  /** The typed query matched nothing and these are the matches of its correction (`to`), or of fewer of its words (`to`, then each of `then`). */
  corrected?: { from: string; to: string; then?: string[] };
  /** Nothing matched: replacements that would (text mode's "did you mean"), also beside the matches of fewer words. */
  suggestions?: string[];
  /** Nothing matched under `/match names`: how many `/match all` finds. */
  beyondNames?: number;
}

export function statusObject(status: ReplyStatus): string {
  return jsonLine({ ...status, ms: Math.round(status.ms * 1000) / 1000 });
}

export function errorObject(error: string, details: Record<string, unknown> = {}): string {
  return jsonLine({ error, ...details });
}
