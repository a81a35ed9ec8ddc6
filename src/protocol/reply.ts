/**
 * The text the server sends besides result lines: greeting, prompt, status
 * and error lines. Every line ends in CRLF; user text is echoed escaped.
 */
import type { HelpTopic } from '../query/commands.js';
import { CRLF } from '../index/display.js';
import type { Answer } from '../search/answer.js';
import { correctionSentence, count, quoted, statusSentence } from '../search/sentences.js';

export { CRLF };
export const PROMPT = '?> ';

/**
 * The first line a connection gets: who we are, the data's versions, how to
 * start, and the one step that turns on terminal mode at telnet (under 80
 * columns; the Emoji version, the same as Unicode's since Emoji 11, is in /help).
 */
export function greeting(product: string, version: string, { unicodeVersion, cldrVersion }: DataVersions): string {
  return `${product} ${version} · Unicode ${unicodeVersion} · CLDR ${cldrVersion} · type words or /help, /t for telnet${CRLF}`;
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

/** q or Ctrl-C at a pager line. */
export function stoppedPagingStatus(sent: number, total: number, query: string): string {
  return `stopped after ${count(sent)} of ${count(total)} matches for ${quoted(query)}${CRLF}`;
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

/** Every line fits an 80-column terminal (a test measures them by display width). */
const HELP: Record<HelpTopic, readonly string[]> = {
  overview: [
    'Type words: every character whose name, alias or keyword holds them all comes',
    'back, the one you most likely mean first: cat face, euro, кот, 猫, thumbs up.',
    'Paste characters to identify them (😸é→); /info é tells everything about one.',
    '  /help syntax    prefixes, exclusions, phrases, code points, ranges, order',
    '  /help filters   block:  gc:  script:  age:  emoji  tone:',
    '  /help commands  paging, formats, settings, /info, /quit',
  ],
  syntax: [
    'Words match names, aliases and CLDR keywords in any language: cat face, кот',
    '  hamb*             a prefix',
    '  -double           leave out characters having that word',
    '  "grinning face"   those words, adjacent and in that order',
    '  U+1F638 0x1F638 \\u{1F638} \\u00E9 &#x1F638; &#128568;   a code point',
    '  U+2600..U+26FF    a range, in code point order',
    '  😸é→              pasted characters are identified; pasted letters such as',
    '                    кот or 猫 are searched as words first',
    'Order: the exact name first, then how much of a name the query covers,',
    'keywords, then the characters people use most; /sort cp for code point order.',
  ],
  filters: [
    'Filters work alone or narrow words; a - before one excludes (-emoji):',
    '  block:arrows                a block (short names too: block:alchemical)',
    '  gc:Sm gc:math_symbol gc:L   a general category, short or long, or a group',
    '  script:greek  sc:grek       a script',
    '  age:18.0                    added in that Unicode version',
    '  emoji                       has the Emoji property',
    '  tone:dark                   emoji of that skin tone',
    'Filters of one kind are alternatives; different kinds must all hold.',
    'Example: arrow block:arrows -double',
  ],
  commands: [
    '/info X            everything about one character or sequence: é U+1F638 🇫🇷',
    '/page N            N matches at a time; Enter or /more for the next; /page off',
    '/format json|text  the reply format',
    '/t                 telnet: pages of the screen, aligned columns, colour',
    '/terminal off      plain lines again; /color on|off|auto',
    '/match all|names   every source, or official Unicode names only (the book)',
    '/sort rank|cp      best first, or code point order',
    '/lang ru|en|all    other languages\' keywords too (several: /lang ru uk)',
    '/tone medium|all   one skin tone of each emoji, or every variant',
    'A setting alone shows its value: /page /format /match /sort /lang /tone /color',
    '/help  /quit or Ctrl-D.  Ctrl-C in telnet stops a long reply.',
  ],
};

/** The lines of `/help` or `/help TOPIC`, without line ends; the overview ends with the data's versions. */
export function helpLines(topic: HelpTopic, data: DataVersions): readonly string[] {
  return topic === 'overview' ? [...HELP.overview, dataSentence(data)] : HELP[topic];
}

/** The versions of the data, as the index header states them (read from the data at build time). */
export interface DataVersions {
  unicodeVersion: string;
  emojiVersion: string;
  cldrVersion: string;
}

/** `Data: Unicode 18.0, Emoji 18.0, CLDR 48 keywords.`: the last line of /help. */
function dataSentence({ unicodeVersion, emojiVersion, cldrVersion }: DataVersions): string {
  return `Data: Unicode ${unicodeVersion}, Emoji ${emojiVersion}, CLDR ${cldrVersion} keywords.`;
}

export const GOODBYE = `Bye.${CRLF}`;
