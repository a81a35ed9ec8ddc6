/**
 * Scoring a ranked list of answers against what was wanted: the rank of the
 * first acceptable answer, and per set of queries the share found first, in
 * the top 3, in the top 10, at all, and the mean reciprocal rank.
 */
import type { CodePoints } from './queries.js';

/** A ranked list of results: an array, or a lazy list over a large reply. */
export interface Ranking {
  readonly length: number;
  at(position: number): CodePoints | undefined;
}

const VARIATION_SELECTOR_16 = 0xfe0f;

/**
 * Emoji presentation (U+FE0F) is how a character is shown, not which one it
 * is: ❤ and ❤️, 🏳‍🌈 and 🏳️‍🌈 are the same answer.
 */
export function answerKey(codePoints: CodePoints): string {
  return codePoints
    .filter((codePoint) => codePoint !== VARIATION_SELECTOR_16)
    .map((codePoint) => codePoint.toString(16).toUpperCase())
    .join('+');
}

/** 1-based position of the first answer that is one of the wanted ones, or null when none is. */
export function rankOf(ranking: Ranking, wanted: readonly CodePoints[]): number | null {
  const keys = new Set(wanted.map(answerKey));
  for (let position = 0; position < ranking.length; position++) {
    const answer = ranking.at(position);
    if (answer && keys.has(answerKey(answer))) return position + 1;
  }
  return null;
}

export interface Score {
  queries: number;
  first: number;
  top3: number;
  top10: number;
  found: number;
  /** Mean of 1/rank, a miss counting 0. */
  mrr: number;
}

/** Shares (0…1) over the ranks of a set of queries (null: not found). */
export function score(ranks: readonly (number | null)[]): Score {
  const within = (limit: number) => ranks.filter((rank) => rank !== null && rank <= limit).length / (ranks.length || 1);
  return {
    queries: ranks.length,
    first: within(1),
    top3: within(3),
    top10: within(10),
    found: within(Infinity),
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0) / (ranks.length || 1),
  };
}

/** Worst first: not found, then the lowest rank; ties in query order. */
export function worstFirst<T extends { rank: number | null }>(misses: readonly T[]): T[] {
  const depth = (rank: number | null) => rank ?? Number.MAX_SAFE_INTEGER;
  return [...misses].sort((a, b) => depth(b.rank) - depth(a.rank));
}
