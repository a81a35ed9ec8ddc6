/**
 * What one search may cost. A search runs in one go on the event loop, so
 * a line such as `"a b"` × 170 or `s* l* c* a* m* e*` would stall every
 * other client for seconds; the budget refuses it instead, before or while
 * the work is done, and the refusal names the limit.
 *
 * Work is counted in index entries read: each posting list taken into a
 * union or intersection counts its length, each candidate a phrase or a
 * ranking must inspect counts what inspecting it costs in such entries
 * (weights from scripts/bench-budget.ts: on the 2-core reference machine
 * about 40,000 entries a millisecond). The budget is plain data: the
 * server's limits carry it in, the search knows no server.
 */

export interface QueryBudget {
  /** Distinct words, prefixes, phrases, exclusions and filters a query may hold. */
  readonly maxQueryTerms: number;
  /** Index entries (see above) one search may read. */
  readonly maxQueryWork: number;
}

/**
 * The default budget, measured (see docs/limits.md). At Unicode 18.0
 * with the sequences, 700,000 still let `a*` (19 ms) and `"cjk unified"`
 * (25 ms) through, and four attackers pipelining such lines put the polite
 * clients' p99 near 50 ms; 450,000 refuses them and the single-letter
 * prefixes, and keeps `emoji`, `gc:L`, two-letter prefixes (`ca*`, 10 ms).
 */
export const DEFAULT_QUERY_BUDGET: QueryBudget = { maxQueryTerms: 16, maxQueryWork: 450_000 };

/** No limit: for tests and benchmarks that measure what a query costs. */
export const UNLIMITED_BUDGET: QueryBudget = { maxQueryTerms: Infinity, maxQueryWork: Infinity };

/** Why a query was refused, as data: the protocol layer words it. */
export type CostlyQuery =
  | { limit: 'terms'; allowed: number; found: number }
  | { limit: 'work'; allowed: number; term: string };

export class QueryTooCostly extends Error {
  constructor(readonly cost: CostlyQuery) {
    super(cost.limit === 'terms' ? `at most ${cost.allowed} terms (this one has ${cost.found})` : `more than ${cost.allowed} index entries to read (reached at ${cost.term})`);
    this.name = 'QueryTooCostly';
  }
}

/*
 * What the other kinds of work cost, in entries read (fitted with
 * scripts/bench-budget.ts so that work tracks CPU time across its scenarios).
 */
/** Looking for a phrase in the name of a char having all its words. */
export const NAME_PHRASE_CANDIDATE_WORK = 2;
/** Inspecting one phrase candidate's aliases… */
export const PHRASE_CANDIDATE_WORK = 20;
/** …and each of its CLDR short names, decoded and split (an emoji has a hundred or more). */
export const PHRASE_SHORT_NAME_WORK = 40;
/** Placing one ranked char, per term. */
export const RANKED_CHAR_WORK = 5;
/** Scoring a match found by name words alone: a few table reads. */
export const SCORED_CHAR_WORK = 1;
/** Explaining one char ranked past the names (which alias or keyword matched), per term. */
export const EXPLAINED_CHAR_WORK = 50;
/** Each word a prefix stands for (its list is taken, kept and merged). */
export const PREFIX_WORD_WORK = 8;
/** A keyword entry of a prefix: concatenated with the other words' entries, then sorted. */
export const SORTED_ENTRY_WORK = 4;
/** One did-you-mean lookup of a word's near words. */
export const NEAREST_WORDS_WORK = 40_000;

/** The work a search has spent so far, against its budget. */
export class WorkMeter {
  private spent = 0;

  constructor(readonly budget: QueryBudget) {}

  get used(): number {
    return this.spent;
  }

  /** Counts `units` of work about to be done for `term`; refuses the query once over budget. */
  charge(units: number, term: string): void {
    this.spent += units;
    if (this.spent > this.budget.maxQueryWork) throw new QueryTooCostly({ limit: 'work', allowed: this.budget.maxQueryWork, term });
  }

  /**
   * Charges `units[k]` for `terms[k]`, in order: what a remembered word was
   * charged (wordCache.ts). When all of it fits, no charge can refuse the
   * query, so it is counted in one go: charge by charge, the replay was a
   * tenth of a remembered word's time.
   */
  replay(units: readonly number[], terms: readonly string[], total: number): void {
    if (this.spent + total <= this.budget.maxQueryWork) this.spent += total;
    else for (let k = 0; k < units.length; k++) this.charge(units[k], terms[k]);
  }

  /** For optional work (suggestions): counts it and says true when it still fits the budget, else false and counts nothing. */
  afford(units: number): boolean {
    if (this.spent + units > this.budget.maxQueryWork) return false;
    this.spent += units;
    return true;
  }
}

/** Refuses a query with more distinct terms than the budget allows, before any work. */
export function checkTermCount(termCount: number, budget: QueryBudget): void {
  if (termCount > budget.maxQueryTerms) throw new QueryTooCostly({ limit: 'terms', allowed: budget.maxQueryTerms, found: termCount });
}
