/**
 * Every limit the server enforces, named in one place, with its default and
 * the `serve` flag that sets it. A refusal always gets one line saying which
 * limit was hit, before the connection closes (if it must).
 */
import type { LimitFlag } from '../limitFlags.js';
import { MAX_QUERY_BYTES } from '../query/length.js';
import { DEFAULT_QUERY_BUDGET, type QueryBudget } from '../search/budget.js';

/** A Limits is also the budget of every query it serves (maxQueryTerms, maxQueryWork). */
export interface Limits extends QueryBudget {
  /** Longest query line, in bytes: longer ones get an error line and are discarded to their end. */
  maxLineBytes: number;
  /** Bytes without any line end after which the connection is closed. */
  maxUnterminatedBytes: number;
  /** Received bytes held before we stop reading and let TCP push back. */
  maxQueuedInputBytes: number;
  /** Pipelined lines split off and held; more wait unsplit, then in the kernel. */
  maxQueuedLines: number;
  /** A connection with no complete line for this long is closed with a goodbye. */
  idleTimeoutMs: number;
  /** A line begun must be completed within this time (slowloris). */
  lineDeadlineMs: number;
  /** A client that takes nothing from a waiting reply for this long is dropped. */
  writeStallTimeoutMs: number;
  /** Matches sent per reply at most; 0 means no limit. */
  maxResults: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** On SIGTERM/SIGINT, how long replies in progress may take to finish. */
  shutdownGraceMs: number;
  /**
   * How long a new connection's first line may take to arrive before the
   * greeting goes out: a first line `/format json` within it gets JSON from
   * the first byte (no text greeting, no prompt), so `nc | jq` needs no `tail`.
   * A piped client's first line is there in well under a millisecond; a person
   * at telnet sees the greeting this much later.
   */
  greetingGraceMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxLineBytes: MAX_QUERY_BYTES,
  maxUnterminatedBytes: 64 * 1024,
  maxQueuedInputBytes: 64 * 1024,
  maxQueuedLines: 1000,
  idleTimeoutMs: 5 * 60_000,
  lineDeadlineMs: 30_000,
  writeStallTimeoutMs: 60_000,
  maxResults: 0,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 64,
  shutdownGraceMs: 5_000,
  greetingGraceMs: 250,
  // From scripts/bench-budget.ts: the dearest ordinary queries — a single-letter prefix (`s*`: 0.67 M entries),
  // `"cjk unified"` (0.59 M) — cost about 15 ms; two single-letter prefixes (0.87 M) or `"a b"` (0.91 M) are refused.
  ...DEFAULT_QUERY_BUDGET,
};

export const LIMIT_FLAGS: LimitFlag<keyof Limits>[] = [
  { flag: 'max-line-bytes', key: 'maxLineBytes', unit: 'bytes', describe: 'longest query line; longer ones get an error line' },
  { flag: 'max-unterminated-bytes', key: 'maxUnterminatedBytes', unit: 'bytes', describe: 'bytes without a line end before the connection is closed' },
  { flag: 'max-queued-lines', key: 'maxQueuedLines', unit: 'count', describe: 'pipelined lines held per connection; the rest wait in the kernel' },
  { flag: 'idle-timeout', key: 'idleTimeoutMs', unit: 'seconds', describe: 'close a connection that sends no line for this long' },
  { flag: 'line-deadline', key: 'lineDeadlineMs', unit: 'seconds', describe: 'time allowed to finish a line once begun' },
  { flag: 'write-stall-timeout', key: 'writeStallTimeoutMs', unit: 'seconds', describe: 'drop a client whose queued output has not moved for this long' },
  { flag: 'max-results', key: 'maxResults', unit: 'count', describe: 'matches sent per reply at most (0: no limit)' },
  { flag: 'max-connections', key: 'maxConnections', unit: 'count', describe: 'connections at once; more are refused with an error line' },
  { flag: 'max-connections-per-address', key: 'maxConnectionsPerAddress', unit: 'count', describe: 'connections at once from one client address' },
  { flag: 'max-query-terms', key: 'maxQueryTerms', unit: 'count', describe: 'distinct words, prefixes, phrases and filters in one query; more are refused with an error line' },
  { flag: 'max-query-work', key: 'maxQueryWork', unit: 'count', describe: 'index entries one query may read (about 40,000 a millisecond); costlier queries are refused with an error line' },
  { flag: 'shutdown-grace', key: 'shutdownGraceMs', unit: 'seconds', describe: 'on SIGTERM/SIGINT, time for replies in progress to finish' },
];
