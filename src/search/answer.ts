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
    const own: Part[] = sequence < 0 ? [] : [{ kind: 'segment', chars: Uint32Array.of(sequence), via: 'character', explained: NO_CHARS }];
    return [...own, ...loose(cluster, 'character')];
  });
}

/**
 * The reply to a query. Over `budget` (the server's limits), the answer has
 * no lines and its status is the refusal, which each format words as an error.
 */
export function answerQuery(index: CharIndex, query: AnswerableQuery, settings: SearchSettings = DEFAULT_SETTINGS, budget: QueryBudget = UNLIMITED_BUDGET): Answer {
  try {
    return searchAnswer(index, query, settings, budget);
  } catch (error) {
    if (!(error instanceof QueryTooCostly)) throw error;
    return { query: query.text, answered: query.text, lines: new MatchLines(index, [], new Map(), -1), status: { kind: 'refused', query: query.text, cost: error.cost } };
  }
}

function searchAnswer(index: CharIndex, query: AnswerableQuery, settings: SearchSettings, budget: QueryBudget): Answer {
  const language = settings.lang === null ? -1 : index.languageId(settings.lang);
  const lines = (parts: Part[], explanations: ReadonlyMap<number, Explanation> = new Map()) => new MatchLines(index, parts, explanations, language);
  const answer = (lineSource: ResultLines, status: AnswerStatus): Answer => ({ query: query.text, answered: query.text, lines: lineSource, status });
  // Emoticons are no official names: `/match names` leaves them out.
  const emoji = settings.match === 'all' ? index.emoticons.entriesOf(query.text) : NO_CHARS;
  const emoticonExplanations = (others: Iterable<[number, Explanation]> = []) => {
    const explanation: Explanation = { via: 'emoticon', note: `${index.emoticons.kindOf(query.text)} ${query.text}` };
    return new Map([...others, ...Array.from(emoji, (entry): [number, Explanation] => [entry, explanation])]);
  };
  // A part's chars ascend: each emoji is a part of its own, so that they keep the table's order.
  const emoticonParts = Array.from(emoji, (entry): Part => ({ kind: 'segment', chars: Uint32Array.of(entry), via: 'emoticon', explained: Uint32Array.of(entry) }));
  switch (query.kind) {
    case 'code-points': {
      // `U+0000..U+10FFFF` × 60 would list 9 M chars: ranges cost their size.
      const meter = new WorkMeter(budget);
      const parts: Part[] = query.items.flatMap((item): Part[] => {
        if (item.kind === 'code-point') return loose([item.codePoint], 'codepoint');
        const { first, end } = index.charRange(item.first, item.last);
        if (end === first) return [];
        meter.charge(end - first, query.text);
        const chars = Uint32Array.from({ length: end - first }, (_, k) => first + k);
        return [{ kind: 'segment', chars, via: 'range', explained: NO_CHARS }];
      });
      // Code points that together are a sequence of the index (`U+1F1EB U+1F1F7`): that sequence first.
      const sequence = query.items.every((item) => item.kind === 'code-point') ? index.sequenceOf(query.items.map((item) => (item.kind === 'code-point' ? item.codePoint : -1))) : -1;
      if (sequence >= 0) parts.unshift({ kind: 'segment', chars: Uint32Array.of(sequence), via: 'codepoint', explained: NO_CHARS });
      return matchesAnswer(query.text, lines(parts), answer);
    }
    case 'characters': {
      const characters = identified(index, query.clusters);
      if (emoji.length === 0) return answer(lines(characters), { kind: 'described', query: query.text, characters: lines(characters).total, emoticon: null, emoji: 0 });
      const described = lines([...emoticonParts, ...characters], emoticonExplanations());
      return answer(described, { kind: 'described', query: query.text, characters: described.total - emoji.length, emoticon: query.text, emoji: emoji.length });
    }
    case 'search': {
      const engine = SearchEngine.for(index);
      const result: SearchResult = engine.search(query, settings, budget);
      if (emoji.length > 0) {
        // The emoji first, then the search as it was without them (`<3` also finds 🫰, whose CLDR keyword it is).
        const own = Uint32Array.from(emoji).sort();
        const rest: Part[] = result.segments.map((segment) => ({ kind: 'segment', ...segment, chars: difference(segment.chars, own), explained: difference(segment.explained, own) }));
        return matchesAnswer(query.text, lines([...emoticonParts, ...rest], emoticonExplanations(result.explanations)), answer);
      }
      if (result.total === 0 && query.pasted) {
        // Letters that are no word of any name or keyword: identify them instead.
        const described = lines(identified(index, graphemeClusters(query.text)));
        return answer(described, { kind: 'described', query: query.text, characters: described.total, emoticon: null, emoji: 0 });
      }
      if (result.matchesBeyondNames > 0) return answer(lines([]), { kind: 'beyond-names', query: query.text, elsewhere: result.matchesBeyondNames });
      const reread = otherReading({ engine, settings, budget }, query, result);
      if (reread) return { query: query.text, answered: reread.answered, lines: lines(searchParts(reread), reread.explanations), status: reread.status };
      if (result.total === 0) return answer(lines([]), { kind: 'no-match', query: query.text, suggestions: result.suggestions });
      return answer(lines(searchParts(result), result.explanations), { kind: 'matches', query: query.text, total: result.total });
    }
  }
}

function searchParts(result: Pick<SearchResult, 'segments'>): Part[] {
  return result.segments.map((segment) => ({ kind: 'segment', ...segment }));
}

function matchesAnswer(query: string, lineSource: ResultLines, answer: (lines: ResultLines, status: AnswerStatus) => Answer): Answer {
  return answer(lineSource, lineSource.total > 0 ? { kind: 'matches', query, total: lineSource.total } : { kind: 'no-match', query, suggestions: [] });
}
