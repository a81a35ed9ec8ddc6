/**
 * The text the server sends besides result lines: greeting, prompt, status
 * and error lines. Every line ends in CRLF; user text is echoed escaped.
 */
import { CRLF } from '../index/display.js';
import type { Answer } from '../search/answer.js';
import { correctionSentence, count, quoted, statusSentence } from '../search/sentences.js';

export { CRLF };
export const PROMPT = '?> ';

/** The first line a connection gets: who we are, the data's versions, how to start (under 80 columns). */
export function greeting(product: string, version: string, { unicodeVersion, emojiVersion, cldrVersion }: DataVersions): string {
  return `${product} ${version} · Unicode ${unicodeVersion} · Emoji ${emojiVersion} · CLDR ${cldrVersion} · type words, or /help${CRLF}`;
}

/**
 * The line that closes a complete reply: the book's `7 matches for 'thumbs up'`
 * (sequences are counted among the matches), exactly, for the scripts that
 * read it; JSON's status object says how many of them are sequences.
 */
export function answerStatus(answer: Answer): string {
  return statusSentence(answer.status) + CRLF;
}

/** The line before a corrected answer's matches: `No match for 'thumbs upp' — showing 'thumbs up'`. */
export function openingLine(answer: Answer): string {
  return answer.status.kind === 'corrected' ? correctionSentence(answer.status) + CRLF : '';
}

export function interruptedStatus(sent: number, total: number, query: string): string {
  return `interrupted after ${count(sent)} of ${count(total)} matches for ${quoted(query)}${CRLF}`;
}

export function pageStatus(from: number, sent: number, total: number, query: string): string {
  return `showing ${count(from + 1)}–${count(sent)} of ${count(total)} matches for ${quoted(query)} — Enter for more${CRLF}`;
}

export function limitedStatus(sent: number, total: number, limit: number, query: string): string {
  return `showing ${count(sent)} of ${count(total)} matches for ${quoted(query)} (this server sends at most ${count(limit)} per reply)${CRLF}`;
}

/** `5 minutes`, `30 seconds`, `1.5 seconds`. */
export function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export function alreadySentStatus(total: number, query: string): string {
  return `interrupted: all ${count(total)} matches for ${quoted(query)} had been sent${CRLF}`;
}

/** Ctrl-C shortly after a long reply ended: it was meant for that reply, so the session stays. */
export function lateInterruptLine(): string {
  return `interrupted: the last reply had already been sent in full${CRLF}`;
}

export function errorLine(message: string): string {
  return `error: ${message}${CRLF}`;
}

export const HELP = [
  'Words find the characters whose name, alias or CLDR keyword (any language) holds them all: cat face, euro, кот, 猫',
  '  hamb*  a prefix        -double  not that word        "grinning face"  those words, adjacent, in order',
  '  U+1F638 0x1F638 \\u{1F638} \\u00E9 &#x1F638; &#128568;  a code point       U+2600..U+26FF  a range, in order',
  '  block:arrows  gc:Sm gc:math_symbol gc:L  script:greek  age:18.0  emoji  tone:dark    filters, alone or with words; -emoji excludes',
  '  😸é→  paste symbols to identify them; pasted letters (кот, 猫) are searched as words first',
  'Order: the exact name first, then how much of a name the query covers, keywords, the characters people use most; /sort cp for code point order.',
  '/info é  /info U+1F638  /info 🇫🇷  everything about one character or sequence: properties, CLDR and Unihan, bytes, escapes',
  'Settings: /match all|names  /sort rank|cp  /lang ru uk|en|all  /tone medium|all  (alone: show)',
  'Replies: /page N (N matches at a time; Enter or /more for the next; /page off)   /format json|text',
  '/help  /quit or Ctrl-D.  Ctrl-C in telnet stops a long reply.',
]
  .map((line) => line + CRLF)
  .join('');

/** The versions of the data, as the index header states them (read from the data at build time). */
export interface DataVersions {
  unicodeVersion: string;
  emojiVersion: string;
  cldrVersion: string;
}

/** `Data: Unicode 18.0, Emoji 18.0, CLDR 48 keywords.`: the last line of /help. */
export function dataLine({ unicodeVersion, emojiVersion, cldrVersion }: DataVersions): string {
  return `Data: Unicode ${unicodeVersion}, Emoji ${emojiVersion}, CLDR ${cldrVersion} keywords.${CRLF}`;
}

export const GOODBYE = `Bye.${CRLF}`;
