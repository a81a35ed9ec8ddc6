/**
 * Whole text replies to repeated queries, shared by every connection. The
 * index never changes while the server runs, so a reply that went out whole
 * (results, status line and prompt) is the same bytes the next time anyone
 * asks the same query with the same settings: sending those bytes skips
 * parsing, searching and formatting. Bounded in entries and bytes.
 *
 * A reply that went out in one write is sent again in one write. A longer one
 * (`cjk`: 4.3 MB in 65 batches) is kept apart, in its own budget, so that a few
 * huge replies never push out the many small ones; it is streamed again batch
 * by batch (streamer.ts replayReply), under the same slices and backpressure.
 */
import { Lru } from '../lru.js';
import { RecordingBudget, type RecordedReply } from './streamer.js';

export interface CachedReply {
  bytes: Buffer;
  /** Matches in the reply, for the log. */
  total: number;
  /** The query and its matches as the log shows them, made once. */
  logged: string;
}

/** A streamed reply kept, with the query its matches answer (an interrupted replay names it). */
export interface CachedStreamedReply extends RecordedReply {
  answered: string;
}

/** 16 MB of replies at most, none over 256 KB; a key and its log words are counted at two bytes a character; a reply is kept when its query comes again (lru.ts). */
export const REPLY_CACHE_BUDGET = { maxEntries: 4096, maxBytes: 16 * 1024 * 1024, maxEntryBytes: 256 * 1024, admitOnRepeat: true };

/** Streamed replies: 16 MB at most (three of `cjk`'s 4.3 MB), none over 8 MB, kept when their query comes again (ReplyCache.records). */
export const STREAMED_REPLY_CACHE_BUDGET = { maxEntries: 256, maxBytes: 16 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };

export class ReplyCache extends Lru<string, CachedReply> {
  readonly streamed = new Lru<string, CachedStreamedReply>(STREAMED_REPLY_CACHE_BUDGET, (reply, key) => reply.bytes + 2 * key.length);
  /** What replies being recorded hold at once, all connections together: one reply of the largest kept. */
  readonly recordings = new RecordingBudget(STREAMED_REPLY_CACHE_BUDGET.maxEntryBytes);

  constructor() {
    super(REPLY_CACHE_BUDGET, (reply, key) => reply.bytes.length + 2 * (key.length + reply.logged.length));
  }

  /**
   * Whether a reply to this key, not kept, is worth recording as it goes
   * out: its query came lately (the doorkeeper, lru.ts admitOnRepeat), so
   * keep() will keep it. A query asked once (most, from anyone) records
   * nothing and words nothing for the log: under the bench's 60,000 distinct
   * queries, that was every reply's batches and log words made to be dropped.
   */
  records(key: string): boolean {
    return this.admits(key);
  }

  /** Keeps a whole reply, recorded as it went out because records(key) said so: one write as its bytes, more as the recorded batches. */
  keep(key: string, recording: RecordedReply, answered: string, logged: string): void {
    if (recording.batches.length === 1) this.set(key, { bytes: recording.batches[0], total: recording.total, logged }, true);
    else this.streamed.set(key, { ...recording, answered }, true);
  }
}
