/**
 * The HTTP side's limits, named in one place. The query length and the query
 * budget are the TCP server's: the same query is refused the same way on both sides.
 */
import type { QueryBudget } from '../search/budget.js';
import { DEFAULT_LIMITS } from '../server/limits.js';

export interface HttpLimits {
  /** Longest query (the q parameter), in UTF-8 bytes; longer gets 413. */
  maxQueryBytes: number;
  /** Matches per page when the request gives no limit. */
  defaultPageSize: number;
  /** Largest limit a request may ask for; more gets 400. */
  maxPageSize: number;
  /** API requests one address may make in a burst (the token bucket's size). */
  burstRequests: number;
  /** API requests per second one address may make in the long run (the bucket's refill rate); 0 turns the limit off. */
  requestsPerSecond: number;
  /** Search answers kept for the next page of the same query. */
  cachedAnswers: number;
  /** What one search may cost: the TCP server's budget; a costlier query gets 422. */
  queryBudget: QueryBudget;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxQueryBytes: DEFAULT_LIMITS.maxLineBytes,
  defaultPageSize: 100,
  maxPageSize: 1000,
  // Scrolling fast through `cjk` asks for a few pages a second; a script gets a burst, then this rate.
  burstRequests: 60,
  requestsPerSecond: 20,
  cachedAnswers: 32,
  queryBudget: { maxQueryTerms: DEFAULT_LIMITS.maxQueryTerms, maxQueryWork: DEFAULT_LIMITS.maxQueryWork },
};
