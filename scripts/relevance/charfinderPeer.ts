/**
 * charfinder as `charfinder find WORDS` and the server answer: the query
 * parsed, then answered with the default settings and the server's query
 * budget (a query it would refuse finds nothing).
 */
import { CharIndex } from '../../src/index/charIndex.js';
import { filterNamesOf } from '../../src/query/filters.js';
import { parseQuery } from '../../src/query/parse.js';
import { DEFAULT_SETTINGS } from '../../src/query/settings.js';
import { answerQuery } from '../../src/search/answer.js';
import { DEFAULT_LIMITS } from '../../src/server/limits.js';
import type { Peer, PeerRun } from './peer.js';
import type { CodePoints } from './queries.js';
import type { Ranking } from './score.js';

const NOTHING: Ranking = { length: 0, at: () => undefined };

/** Our ranking of one query: code points position by position (the reply may be long; nothing is built until asked). */
export function charfinderRanking(index: CharIndex, line: string): Ranking {
  const query = parseQuery(line, filterNamesOf(index.header));
  if (query.kind === 'empty' || query.kind === 'invalid') return NOTHING;
  const { lines, status } = answerQuery(index, query, DEFAULT_SETTINGS, DEFAULT_LIMITS);
  if (status.kind === 'refused') return NOTHING;
  return { length: lines.total, at: (position) => (position < lines.total ? lines.match(position).codePoints : undefined) };
}

/** The first results of a ranking as `U+2323 ⌣ SMILE` (for the list of misses). */
export function describeTop(index: CharIndex, ranking: Ranking, count: number): string[] {
  return Array.from({ length: Math.min(count, ranking.length) }, (_, position) => describeAnswer(index, ranking.at(position)!));
}

export function describeAnswer(index: CharIndex, codePoints: CodePoints): string {
  const entry = index.entryOf(codePoints);
  const hex = codePoints.map((codePoint) => codePoint.toString(16).toUpperCase().padStart(4, '0')).join('+');
  return entry < 0 ? `U+${hex} (not in the index)` : `U+${hex} ${index.display(entry)} ${index.name(entry)}`;
}

export function charfinderPeer(index: CharIndex): Peer {
  return {
    name: 'charfinder',
    rule: 'this checkout: data/charfinder.idx, default settings',
    async run(queries): Promise<PeerRun> {
      return { rankings: queries.map((line) => charfinderRanking(index, line)), knows: () => true };
    },
  };
}
