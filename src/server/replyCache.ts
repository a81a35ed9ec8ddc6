/**
 * Whole text replies to repeated queries, shared by every connection. The
 * index never changes while the server runs, so a reply that went out in one
 * write (results, status line and prompt) is the same bytes the next time
 * anyone asks the same query with the same settings: sending those bytes
 * skips parsing, searching and formatting. Bounded in entries and bytes;
 * the least recently used goes first.
 */

export interface CachedReply {
  bytes: Buffer;
  /** Matches in the reply, for the log. */
  total: number;
}

const MAX_ENTRIES = 4096;
const MAX_BYTES = 16 * 1024 * 1024;

export class ReplyCache {
  private readonly entries = new Map<string, CachedReply>();
  private bytes = 0;

  get(key: string): CachedReply | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, reply: CachedReply): void {
    if (reply.bytes.length > MAX_BYTES / 64 || this.entries.has(key)) return;
    this.entries.set(key, reply);
    this.bytes += reply.bytes.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const [oldest, evicted] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= evicted.bytes.length;
    }
  }
}
