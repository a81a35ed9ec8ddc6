/** A finder measured on the query set: charfinder itself, or a peer run the way its users run it. */
import type { CodePoints } from './queries.js';
import type { Ranking } from './score.js';

export interface PeerRun {
  /** Per query, in query order: the ranked results. */
  rankings: Ranking[];
  /**
   * Whether an answer is in the finder's repertoire at all: a query counts
   * for a peer only when one of its wanted answers is (an emoji picker is not
   * scored on Greek letters, a Unicode 14 tool not on Unicode 17 emoji).
   */
  knows(answer: CodePoints): boolean;
}

export interface Peer {
  name: string;
  /** How it answers, in a few words (for the report). */
  rule: string;
  /** The finder's answers to every query, or why it cannot run here. */
  run(queries: readonly string[], wanted: readonly CodePoints[]): Promise<PeerRun | { unavailable: string }>;
}
