/**
 * The HTTP side's limits, named in one place, with the `serve` flags that
 * set them. The query length is the TCP server's line limit (one shared
 * constant): the same query is refused the same way on both sides. The
 * connection limits are the TCP side's, answered with a status instead of a
 * line: 503 when the server is full, 429 when one address holds too many. The
 * query budget is the search's default, the same on both sides (the
 * composition root passes the serve flags' values to both).
 */
import type { LimitFlag } from '../limitFlags.js';
import { MAX_QUERY_BYTES } from '../query/length.js';
import { DEFAULT_QUERY_BUDGET, type QueryBudget } from '../search/budget.js';

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
  /** HTTP connections at once; more get 503. */
  maxConnections: number;
  /** HTTP connections at once from one client address; more get 429. */
  maxConnectionsPerAddress: number;
  /** A request's headers must have arrived within this time (slowloris); else 408 and the close. */
  headerDeadlineMs: number;
  /** The whole request, body included, must have arrived within this time; else 408 and the close. */
  requestDeadlineMs: number;
  /** A keep-alive connection with no request for this long is closed. */
  keepAliveTimeoutMs: number;
  /** What one search may cost: the TCP server's budget; a costlier query gets 422. */
  queryBudget: QueryBudget;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxQueryBytes: MAX_QUERY_BYTES,
  defaultPageSize: 100,
  maxPageSize: 1000,
  // Scrolling fast through `cjk` asks for a few pages a second; a script gets a burst, then this rate.
  burstRequests: 60,
  requestsPerSecond: 20,
  cachedAnswers: 32,
  maxConnections: 10_000,
  // A browser opens about six per origin; a proxy in front should get its own, higher limit.
  maxConnectionsPerAddress: 64,
  headerDeadlineMs: 10_000,
  requestDeadlineMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  queryBudget: DEFAULT_QUERY_BUDGET,
};

/** Every limit but the query budget, which the TCP side's flags set for both. */
export const HTTP_LIMIT_FLAGS: LimitFlag<Exclude<keyof HttpLimits, 'queryBudget'>>[] = [
  { flag: 'http-rate', key: 'requestsPerSecond', unit: 'count', describe: 'API requests per second allowed to one address in the long run (0: no limit)' },
  { flag: 'http-burst', key: 'burstRequests', unit: 'count', describe: 'API requests one address may make at once before --http-rate applies' },
  { flag: 'http-max-connections', key: 'maxConnections', unit: 'count', describe: 'HTTP connections at once; more get 503' },
  { flag: 'http-max-connections-per-address', key: 'maxConnectionsPerAddress', unit: 'count', describe: 'HTTP connections at once from one address; more get 429' },
  { flag: 'http-header-deadline', key: 'headerDeadlineMs', unit: 'seconds', describe: "time for a request's headers to arrive" },
  { flag: 'http-request-deadline', key: 'requestDeadlineMs', unit: 'seconds', describe: 'time for a whole request, body included, to arrive' },
  { flag: 'http-keep-alive-timeout', key: 'keepAliveTimeoutMs', unit: 'seconds', describe: 'close a keep-alive connection idle for this long' },
];
