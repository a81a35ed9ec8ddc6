/**
 * The two ways a connection can be answered: text for people (prompt, result
 * lines, status lines) and newline-delimited JSON for programs. The session
 * decides what to say; a format decides how it looks on the wire.
 */
import type { CharIndex } from '../index/charIndex.js';
import type { Answer } from '../search/answer.js';
import type { CostlyQuery } from '../search/budget.js';
import { nextBatch, type Batch, type ResultLines } from '../search/matchLines.js';
import { costlyQuerySentence, count } from '../search/sentences.js';
import { errorObject, jsonBatch, statusObject, type ReplyStatus } from './json.js';
import * as text from './reply.js';
import type { HelpTopic } from '../query/commands.js';
import { escapeForTerminal, jsonLine } from '../index/display.js';
import type { EntryInfo } from '../index/charInfo.js';
import { infoJson, infoText } from '../index/infoText.js';

/** Every refusal the server can give, with what a program needs to react to it. */
export type Refusal =
  | { error: 'line too long'; bytes: number; limit: number }
  | { error: 'invalid UTF-8' }
  | { error: 'no line end'; bytes: number }
  | { error: 'unknown command'; command: string }
  | { error: 'invalid query'; reason: string }
  | ({ error: 'query too costly' } & CostlyQuery)
  | { error: 'invalid argument'; command: string; argument: string; expected: string }
  | { error: 'missing argument'; command: string; expected: string }
  | { error: 'invalid setting'; reason: string }
  | { error: 'line deadline'; seconds: number }
  | { error: 'too many connections'; limit: number }
  | { error: 'too many connections from your address'; limit: number };

export interface PageStatus {
  /** Position of the first match of this page. */
  from: number;
  /** Position after the last match sent. */
  sent: number;
  more: boolean;
  interrupted: boolean;
  /** The server's limit on matches per reply, when it cut this reply short. */
  limit: number | null;
  ms: number;
}

export interface ReplyFormat {
  readonly name: 'text' | 'json';
  /** Sent whenever the server is ready for the next line ('' in JSON). */
  readonly prompt: string;
  /** What comes before an answer's first match ('' mostly; a corrected answer says so first in text). */
  opening(answer: Answer): string;
  batch(index: CharIndex, lines: ResultLines, from: number, end: number, maxBytes: number): Batch;
  status(answer: Answer, page: PageStatus): string;
  refusal(refusal: Refusal): string;
  /** The answer to a command: a sentence for people, fields for programs. */
  notice(sentence: string, fields: Record<string, unknown>): string;
  /** The syntax, and the versions of the data the index holds. */
  help(topic: HelpTopic, data: text.DataVersions): string;
  /** `/info`: everything about one character or sequence. */
  info(info: EntryInfo): string;
  goodbye(interrupted: boolean): string;
}

function refusalSentence(refusal: Refusal): string {
  switch (refusal.error) {
    case 'line too long':
      return `line too long (${count(refusal.bytes)} bytes; the limit is ${count(refusal.limit)})`;
    case 'invalid UTF-8':
      return 'that line is not valid UTF-8; send UTF-8 text';
    case 'no line end':
      return `no line end in ${count(refusal.bytes)} bytes; closing the connection`;
    case 'unknown command':
      return `unknown command '${escapeForTerminal(refusal.command)}'; /help lists the commands`;
    case 'invalid query':
      return refusal.reason;
    case 'query too costly':
      return costlyQuerySentence(refusal);
    case 'invalid argument':
      return `${refusal.command} takes ${refusal.expected}, not '${escapeForTerminal(refusal.argument)}'`;
    case 'missing argument':
      return `${refusal.command} takes ${refusal.expected}`;
    case 'invalid setting':
      return refusal.reason;
    case 'line deadline':
      return `a line must be finished within ${count(refusal.seconds)} s; closing the connection`;
    case 'too many connections':
      return `the server is full (${count(refusal.limit)} connections); try again later`;
    case 'too many connections from your address':
      return `too many connections from your address (the limit is ${count(refusal.limit)}); close one and try again`;
  }
}

/** What JSON adds to `query` and `count` for a status other than plain matches. */
function statusFields({ status }: Answer): Partial<ReplyStatus> {
  switch (status.kind) {
    case 'corrected':
      return { corrected: { from: status.from, to: status.to, ...(status.then.length > 0 ? { then: [...status.then] } : {}) }, ...(status.suggestions.length > 0 ? { suggestions: [...status.suggestions] } : {}) };
    case 'no-match':
      return status.suggestions.length > 0 ? { suggestions: [...status.suggestions] } : {};
    case 'beyond-names':
      return { beyondNames: status.elsewhere };
    default:
      return {};
  }
}

/** The text status of a reply Ctrl-C stopped after `sent` of `total` matches (perhaps all of them) for the query `answered`. */
export function interruptedTextStatus(sent: number, total: number, answered: string): string {
  return sent < total ? text.interruptedStatus(sent, total, answered) : text.alreadySentStatus(total, answered);
}

export const TEXT_FORMAT: ReplyFormat = {
  name: 'text',
  prompt: text.PROMPT,
  opening: text.openingLine,
  batch: (_index, lines, from, end, maxBytes) => nextBatch(lines, from, end, maxBytes),
  status(answer, page) {
    // A refused query's reply is its error line alone.
    if (answer.status.kind === 'refused') return TEXT_FORMAT.refusal({ error: 'query too costly', ...answer.status.cost });
    // Pages and cut replies name the query their matches answer (the corrected one after a correction).
    const total = answer.lines.total;
    if (page.interrupted) return interruptedTextStatus(page.sent, total, answer.answered);
    if (page.more) return text.pageStatus(page.from, page.sent, total, answer.answered);
    if (page.limit !== null) return text.limitedStatus(page.sent, total, page.limit, answer.answered);
    return text.answerStatus(answer);
  },
  refusal: (refusal) => text.errorLine(refusalSentence(refusal)),
  notice: (sentence) => sentence + text.CRLF,
  help: (topic, data) => text.helpLines(topic, data).map((line) => line + text.CRLF).join(''),
  info: infoText,
  goodbye: (interrupted) => (interrupted ? `Interrupted. ${text.GOODBYE}` : text.GOODBYE),
};

export const JSON_FORMAT: ReplyFormat = {
  name: 'json',
  prompt: '',
  opening: () => '',
  batch: jsonBatch,
  status: (answer, page) =>
    answer.status.kind === 'refused'
      ? JSON_FORMAT.refusal({ error: 'query too costly', ...answer.status.cost })
      : statusObject({
      query: answer.query,
      count: answer.lines.total,
      ...(answer.lines.sequences > 0 ? { sequences: answer.lines.sequences } : {}),
      ...statusFields(answer),
      sent: page.sent,
      more: page.more,
      ms: page.ms,
      ...(page.interrupted ? { interrupted: true as const } : {}),
      ...(page.limit !== null ? { limit: page.limit } : {}),
    }),
  refusal: ({ error, ...details }) => errorObject(error, { ...details, message: refusalSentence({ error, ...details } as Refusal) }),
  notice: (_sentence, fields) => jsonLine(fields),
  info: infoJson,
  help: (topic, data) => jsonLine({ help: text.helpLines(topic, data), unicodeVersion: data.unicodeVersion, emojiVersion: data.emojiVersion, cldrVersion: data.cldrVersion }),
  goodbye: (interrupted) => jsonLine({ bye: true, ...(interrupted ? { interrupted: true } : {}) }),
};
