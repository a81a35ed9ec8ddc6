/**
 * Whole text replies to repeated queries, shared by every connection. The
 * index never changes while the server runs, so a reply that went out in one
 * write (results, status line and prompt) is the same bytes the next time
 * anyone asks the same query with the same settings: sending those bytes
 * skips parsing, searching and formatting. Bounded in entries and bytes.
 */
import { Lru } from '../lru.js';

export interface CachedReply {
  bytes: Buffer;
  /** Matches in the reply, for the log. */
  total: number;
  /** The query and its matches as the log shows them, made once. */
  logged: string;
}

/** 16 MB of replies at most, none over 256 KB; a key and its log words are counted at two bytes a character; a reply is kept when its query comes again (lru.ts). */
export const REPLY_CACHE_BUDGET = { maxEntries: 4096, maxBytes: 16 * 1024 * 1024, maxEntryBytes: 256 * 1024, admitOnRepeat: true };

export class ReplyCache extends Lru<string, CachedReply> {
  constructor() {
    super(REPLY_CACHE_BUDGET, (reply, key) => reply.bytes.length + 2 * (key.length + reply.logged.length));
  }
}
