/**
 * An answer's status in words, the same wherever people read it: the TCP
 * text format's status line, `charfinder find`'s last line, the HTTP API's
 * messages. No line ends here (each format adds its own); user text is
 * echoed escaped. The lines scripts read stay exactly the book's:
 * `7 matches for 'thumbs up'`.
 */
import { escapeForTerminal } from '../index/display.js';
import type { AnswerStatus } from './answer.js';
import type { CorrectedStatus } from './otherReadings.js';
import type { CostlyQuery } from './budget.js';

/** `98,887`: a whole number with thousands separators (Intl.NumberFormat cost 4% of a small query). */
export function count(n: number): string {
  const digits = String(n);
  return digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `'cat face'`, escaped for a terminal. */
export function quoted(query: string): string {
  return `'${escapeForTerminal(query)}'`;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
function alternatives(words: readonly string[]): string {
  const each = words.map(quoted);
  return each.length <= 1 ? each.join('') : `${each.slice(0, -1).join(', ')} or ${each[each.length - 1]}`;
}

/** `7 matches for 'thumbs up'`, `No match for 'q'`: sequences are counted among the matches. */
function matchesSentence(total: number, query: string): string {
  if (total === 0) return `No match for ${quoted(query)}`;
  return `${count(total)} ${total === 1 ? 'match' : 'matches'} for ${quoted(query)}`;
}

/**
 * The sentence that closes a complete reply (a page or a cut reply has its
 * own, in the protocol). A corrected answer closes as its corrected query
 * would; `correctionSentence` is what opens it.
 */
export function statusSentence(status: AnswerStatus): string {
  switch (status.kind) {
    case 'matches':
      return matchesSentence(status.total, status.query);
    case 'no-match':
      return status.suggestions.length > 0 ? `No match for ${quoted(status.query)} — did you mean ${alternatives(status.suggestions)}?` : matchesSentence(0, status.query);
    case 'corrected':
      return matchesSentence(status.total, status.to) + status.then.map((reading) => `, then ${quoted(reading)}`).join('');
    case 'beyond-names':
      return `No match for ${quoted(status.query)} among official names; /match all finds ${count(status.elsewhere)}`;
    case 'described': {
      const characters = `${count(status.characters)} ${status.characters === 1 ? 'character' : 'characters'}`;
      if (status.emoticon === null) return `${characters} in ${quoted(status.query)}`;
      return `${count(status.emoji)} emoji for the emoticon ${quoted(status.query)}, then its ${characters}`;
    }
    case 'refused':
      return costlyQuerySentence(status.cost);
  }
}

/**
 * `No match for 'thumbs upp' — showing 'thumbs up'`, `No match for 'german
 * quotes' — showing 'german', then 'quotes'`, `No match for 'kat fase' —
 * showing 'kat'; did you mean 'cat face'?`, `'skul' is only another
 * language's keyword — showing it, then 'skull'`: said before the matches.
 */
export function correctionSentence(status: CorrectedStatus): string {
  const offered = status.suggestions.length > 0 ? `; did you mean ${alternatives(status.suggestions)}?` : '';
  // The typed query first: it matched, in another language only (`skul`), and a likely meaning follows.
  if (status.to === status.from) return `${quoted(status.from)} is only another language's keyword — showing it, then ${status.then.map(quoted).join(', then ')}${offered}`;
  return `No match for ${quoted(status.from)} — showing ${[status.to, ...status.then].map(quoted).join(', then ')}${offered}`;
}

/** A term named in a refusal is cut to this many characters. */
const MAX_NAMED_TERM = 40;

/** Why a query was refused unanswered (the server's query budget), and what to do instead. */
export function costlyQuerySentence(cost: CostlyQuery): string {
  if (cost.limit === 'terms') return `query too costly: at most ${count(cost.allowed)} terms (this one has ${count(cost.found)}); search for fewer words at a time`;
  const term = cost.term.length > MAX_NAMED_TERM ? `${cost.term.slice(0, MAX_NAMED_TERM)}…` : cost.term;
  return `query too costly: it would read more than ${count(cost.allowed)} index entries (reached at ${quoted(term)}); use longer prefixes, rarer words, or fewer of them`;
}
