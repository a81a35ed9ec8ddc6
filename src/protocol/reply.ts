/**
 * The text the server sends besides result lines: greeting, prompt, status
 * and error lines. Every line ends in CRLF; user text is echoed escaped.
 */
import { escapeForTerminal } from './display.js';

export const CRLF = '\r\n';
export const PROMPT = '?> ';

const thousands = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return thousands.format(n);
}

function quoted(query: string): string {
  return `'${escapeForTerminal(query)}'`;
}

export function greeting(product: string, version: string, unicodeVersion: string, characters: number): string {
  return `${product} ${version} — Unicode ${unicodeVersion} — ${count(characters)} characters — type words to search, /help for help${CRLF}`;
}

export function matchesStatus(total: number, query: string): string {
  if (total === 0) return `No match for ${quoted(query)}${CRLF}`;
  return `${count(total)} ${total === 1 ? 'match' : 'matches'} for ${quoted(query)}${CRLF}`;
}

export function describedStatus(total: number, query: string): string {
  return `${count(total)} ${total === 1 ? 'character' : 'characters'} in ${quoted(query)}${CRLF}`;
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
  'Type words to list the characters whose name (or formal alias) holds them all, e.g. cat face',
  '  U+1F638        the character at that code point (4 to 6 hex digits)',
  '  😸é→           paste characters (no ASCII letters or digits) to identify them',
  'Words match whole words of names, in any case; punctuation separates words.',
  'Commands: /page N (N matches at a time; Enter or /more for the next; /page off)',
  '          /format json (one JSON object per line) or /format text',
  '          /help  /quit (or Ctrl-D on an empty line).  Ctrl-C in telnet stops a long reply.',
]
  .map((line) => line + CRLF)
  .join('');

export const GOODBYE = `Bye.${CRLF}`;
