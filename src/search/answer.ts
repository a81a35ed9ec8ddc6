/**
 * The application's core: a parsed query and the connection's settings in,
 * an answer value out — its matches (a line source filled lazily) and a
 * status value. Every reader renders that same value its own way: the TCP
 * text and JSON formats (protocol/), the HTTP API (http/api.ts) and
 * `charfinder find`; none of them decides what the answer says.
 *
 * Besides the search itself, the answer decides three things:
 *   an emoticon (`:)`, `<3`) finds its emoji first (`:)` 🙂 😃: every one the table
 *     gives, in its order), then the query is answered as it would be, without them;
 *   a query may be answered as read otherwise, and say so (otherReadings.ts):
 *     corrected (`thumbs upp` → `thumbs up`), its compounds split (`checkbox`),
 *     fewer of its words (`treble clef` → `clef`), a likely English word after
 *     another language's (`skul` 🏫, then 💀);
 *   pasted letters that are no word are identified character by character.
 */
import type { CharIndex } from '../index/charIndex.js';
import { difference } from '../index/postings.js';
import { graphemeClusters, type Query } from '../query/parse.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../query/settings.js';
import { QueryTooCostly, UNLIMITED_BUDGET, WorkMeter, type CostlyQuery, type QueryBudget } from './budget.js';
import { otherReading, type CorrectedStatus } from './otherReadings.js';
import { MatchLines, NO_CHARS, type Part, type ResultLines } from './matchLines.js';
import type { Explanation, SearchResult } from './result.js';
import { SearchEngine } from './search.js';

/** What an answer says about its matches: each format words it (sentences.ts for people, fields for programs). */
export type AnswerStatus =
  /** `7 matches for 'thumbs up'`. */
  | { kind: 'matches'; query: string; total: number }
  /** `No match for 'q'`, or `No match for 'smiel' — did you mean 'smile', 'small' or 'smiley'?` */
  | { kind: 'no-match'; query: string; suggestions: readonly string[] }
  /** Answered as read otherwise: corrected, fewer words, a likely meaning after (otherReadings.ts). */
  | CorrectedStatus
  /** Under `/match names`, nothing among the names, `elsewhere` matches among aliases and keywords. */
  | { kind: 'beyond-names'; query: string; elsewhere: number }
  /** Pasted text, character by character; after its `emoji` first when the text is an emoticon (`:)`), else `emoji` is 0. */
  | { kind: 'described'; query: string; characters: number; emoticon: string | null; emoji: number }
  /** Over the server's query budget: not searched, no matches. */
  | { kind: 'refused'; query: string; cost: CostlyQuery };

/** A query's reply before it is sent: its matches and its status. */
export interface Answer {
  /** The query as typed. */
  query: string;
  /** The query these matches answer: the corrected one after a correction, else the typed one. */
  answered: string;
  lines: ResultLines;
  status: AnswerStatus;
}

export type AnswerableQuery = Extract<Query, { kind: 'search' | 'code-points' | 'characters' }>;

function loose(codePoints: readonly number[], via: 'codepoint' | 'character'): Part[] {
  return codePoints.map((codePoint) => ({ kind: 'loose', codePoint, via }));
}

/**
 * Pasted text, grapheme cluster by cluster: a cluster that is a sequence of
 * the index (🇫🇷, 👍🏽, 👨‍👩‍👧) is described as that sequence, then code point by
 * code point; any other cluster by its code points.
 */
function identified(index: CharIndex, clusters: readonly (readonly number[])[]): Part[] {
  return clusters.flatMap((cluster): Part[] => {
    const sequence = index.sequenceOf(cluster);
    const own: Part[] = sequence < 0 ? [] : [{ chars: Uint32Array.of(sequence), via: 'character', explained: NO_CHARS }];
    return [...own, ...loose(cluster, 'character')];
  });
}

const NO_EXPLANATIONS: ReadonlyMap<number, Explanation> = new Map();

/**
 * The reply to a query. Over `budget` (the server's limits), the answer has
 * no lines and its status is the refusal, which each format words as an error.
 */
export function answerQuery(index: CharIndex, query: AnswerableQuery, settings: SearchSettings = DEFAULT_SETTINGS, budget: QueryBudget = UNLIMITED_BUDGET): Answer {
  try {
    return searchAnswer(index, query, settings, budget);
  } catch (error) {
    if (!(error instanceof QueryTooCostly)) throw error;
    return { query: query.text, answered: query.text, lines: new MatchLines(index, [], NO_EXPLANATIONS, -1), status: { kind: 'refused', query: query.text, cost: error.cost } };
  }
}

/**
 * Made for every query: no closures, no copies of the engine's segments
 * (they are parts as they are) and nothing for the emoticons a query is not.
 */
function searchAnswer(index: CharIndex, query: AnswerableQuery, settings: SearchSettings, budget: QueryBudget): Answer {
  const language = settings.lang === null ? -1 : index.languageId(settings.lang);
  const text = query.text;
  // Emoticons are no official names: `/match names` leaves them out.
  const emoji = settings.match === 'all' ? index.emoticons.entriesOf(text) : NO_CHARS;
  switch (query.kind) {
    case 'code-points':
      return matchesAnswer(text, new MatchLines(index, codePointParts(index, query, budget), NO_EXPLANATIONS, language));
    case 'characters': {
      const characters = identified(index, query.clusters);
      if (emoji.length === 0) {
        const described = new MatchLines(index, characters, NO_EXPLANATIONS, language);
        return typedAnswer(text, described, { kind: 'described', query: text, characters: described.total, emoticon: null, emoji: 0 });
      }
      const described = new MatchLines(index, [...emoticonParts(emoji), ...characters], emoticonExplanations(index, text, emoji), language);
      return typedAnswer(text, described, { kind: 'described', query: text, characters: described.total - emoji.length, emoticon: text, emoji: emoji.length });
    }
    case 'search': {
      const engine = SearchEngine.for(index);
      const result: SearchResult = engine.search(query, settings, budget);
      if (emoji.length > 0) {
        // The emoji first, then the search as it was without them (`<3` also finds 🫰, whose CLDR keyword it is).
        const own = Uint32Array.from(emoji).sort();
        const rest: Part[] = result.segments.map((segment) => ({ chars: difference(segment.chars, own), via: segment.via, explained: difference(segment.explained, own) }));
        return matchesAnswer(text, new MatchLines(index, [...emoticonParts(emoji), ...rest], emoticonExplanations(index, text, emoji, result.explanations), language));
      }
      if (result.total === 0 && query.pasted) {
        // Letters that are no word of any name or keyword: identify them instead.
        const described = new MatchLines(index, identified(index, graphemeClusters(text)), NO_EXPLANATIONS, language);
        return typedAnswer(text, described, { kind: 'described', query: text, characters: described.total, emoticon: null, emoji: 0 });
      }
      if (result.matchesBeyondNames > 0) return typedAnswer(text, new MatchLines(index, [], NO_EXPLANATIONS, language), { kind: 'beyond-names', query: text, elsewhere: result.matchesBeyondNames });
      const reread = otherReading({ engine, settings, budget }, query, result);
      if (reread) return { query: text, answered: reread.answered, lines: new MatchLines(index, reread.segments, reread.explanations, language), status: reread.status };
      if (result.total === 0) return typedAnswer(text, new MatchLines(index, [], NO_EXPLANATIONS, language), { kind: 'no-match', query: text, suggestions: result.suggestions });
      return typedAnswer(text, new MatchLines(index, result.segments, result.explanations, language), { kind: 'matches', query: text, total: result.total });
    }
  }
}

/** Code points and ranges, in the order given. */
function codePointParts(index: CharIndex, query: Extract<Query, { kind: 'code-points' }>, budget: QueryBudget): Part[] {
  // `U+0000..U+10FFFF` × 60 would list 9 M chars: ranges cost their size.
  const meter = new WorkMeter(budget);
  const parts: Part[] = query.items.flatMap((item): Part[] => {
    if (item.kind === 'code-point') return loose([item.codePoint], 'codepoint');
    const { first, end } = index.charRange(item.first, item.last);
    if (end === first) return [];
    meter.charge(end - first, query.text);
    const chars = Uint32Array.from({ length: end - first }, (_, k) => first + k);
    return [{ chars, via: 'range', explained: NO_CHARS }];
  });
  // Code points that together are a sequence of the index (`U+1F1EB U+1F1F7`): that sequence first.
  const sequence = query.items.every((item) => item.kind === 'code-point') ? index.sequenceOf(query.items.map((item) => (item.kind === 'code-point' ? item.codePoint : -1))) : -1;
  if (sequence >= 0) parts.unshift({ chars: Uint32Array.of(sequence), via: 'codepoint', explained: NO_CHARS });
  return parts;
}

/** An answer to the query as typed (not another reading of it). */
function typedAnswer(query: string, lines: ResultLines, status: AnswerStatus): Answer {
  return { query, answered: query, lines, status };
}

function matchesAnswer(query: string, lines: ResultLines): Answer {
  return typedAnswer(query, lines, lines.total > 0 ? { kind: 'matches', query, total: lines.total } : { kind: 'no-match', query, suggestions: [] });
}

/** A part's chars ascend: each emoji is a part of its own, so that they keep the table's order. */
function emoticonParts(emoji: Uint32Array): Part[] {
  return Array.from(emoji, (entry): Part => ({ chars: Uint32Array.of(entry), via: 'emoticon', explained: Uint32Array.of(entry) }));
}

function emoticonExplanations(index: CharIndex, text: string, emoji: Uint32Array, others: Iterable<[number, Explanation]> = []): Map<number, Explanation> {
  const explanation: Explanation = { via: 'emoticon', note: `${index.emoticons.kindOf(text)} ${text}` };
  return new Map([...others, ...Array.from(emoji, (entry): [number, Explanation] => [entry, explanation])]);
}
