// The client side of charfinder's line protocol, as the load generator needs it:
// where one reply ends, without ever holding a whole reply in memory.
// A `cjk` reply is ~4 MB, so detectors look only at chunk edges and carry a
// few bytes across chunk boundaries.

/** `text`: replies end with the `?> ` prompt; `json`: with a `{"query"…}` status line. */
export type ReplyFormat = 'text' | 'json';

/** The bytes that end every text-mode reply (and the greeting): CRLF, then the prompt. */
const TEXT_REPLY_END = Buffer.from('\r\n?> ', 'latin1');

/** A JSON-mode reply's last line starts with this; the result lines before it don't. */
const JSON_STATUS_START = Buffer.from('{"query"', 'latin1');

const LF = 0x0a;

/** Is fed a reply chunk by chunk; says when the chunk just fed completed the reply. */
export interface ReplyEndDetector {
  /** True when the bytes received so far end a reply. Call `reset()` before the next one. */
  feed(chunk: Buffer): boolean;
  reset(): void;
}

export function createReplyEndDetector(format: ReplyFormat): ReplyEndDetector {
  return format === 'text' ? new PromptDetector() : new JsonStatusDetector();
}

/** Encodes one query as the line the client sends. */
export function encodeQueryLine(query: string): Buffer {
  return Buffer.from(`${query}\n`, 'utf8');
}

/** The line that switches a session to JSON replies. */
export const SWITCH_TO_JSON_LINE = encodeQueryLine('/format json');

/** A greeting that is the prompt alone: the book's tcp_mojifinder.py says nothing else. */
const BARE_PROMPT = TEXT_REPLY_END.subarray(2);

/**
 * Text mode: the reply is over when the received bytes end with CRLF + `?> `,
 * or are the prompt alone. The server sends nothing after the prompt until
 * the next query, so the end of a reply is always the end of some chunk;
 * only the last bytes matter.
 */
class PromptDetector implements ReplyEndDetector {
  // The last bytes received, for replies whose ending is split over chunks.
  private readonly tail = Buffer.alloc(TEXT_REPLY_END.length);
  private tailLength = 0;
  private received = 0;

  feed(chunk: Buffer): boolean {
    this.received += chunk.length;
    const size = TEXT_REPLY_END.length;
    if (chunk.length >= size) {
      chunk.copy(this.tail, 0, chunk.length - size);
      this.tailLength = size;
    } else {
      const kept = Math.min(this.tailLength, size - chunk.length);
      this.tail.copy(this.tail, 0, this.tailLength - kept, this.tailLength);
      chunk.copy(this.tail, kept);
      this.tailLength = kept + chunk.length;
    }
    if (this.received === BARE_PROMPT.length) return this.tail.subarray(0, this.tailLength).equals(BARE_PROMPT);
    return this.tailLength === size && this.tail.equals(TEXT_REPLY_END);
  }

  reset(): void {
    this.tailLength = 0;
    this.received = 0;
  }
}

/**
 * JSON mode: the reply is over when a complete line starting with `{"query"`
 * has arrived. Again that line is the last thing sent, so it ends a chunk;
 * what must survive chunk boundaries is the start of the line in progress.
 */
class JsonStatusDetector implements ReplyEndDetector {
  // The first bytes of the line still being received.
  private readonly lineHead = Buffer.alloc(JSON_STATUS_START.length);
  private lineHeadLength = 0;

  feed(chunk: Buffer): boolean {
    if (chunk.length === 0) return false;
    const endsLine = chunk[chunk.length - 1] === LF;
    // The last line of this chunk, complete or not, starts after the last LF before it.
    const searchEnd = endsLine ? chunk.length - 2 : chunk.length - 1;
    const previousLf = searchEnd >= 0 ? chunk.lastIndexOf(LF, searchEnd) : -1;
    if (previousLf >= 0) this.lineHeadLength = 0;
    const lastLineStart = previousLf + 1;
    const lastLineEnd = endsLine ? chunk.length - 1 : chunk.length;
    const wanted = Math.min(this.lineHead.length - this.lineHeadLength, lastLineEnd - lastLineStart);
    chunk.copy(this.lineHead, this.lineHeadLength, lastLineStart, lastLineStart + wanted);
    this.lineHeadLength += wanted;

    const isStatusLine =
      this.lineHeadLength === JSON_STATUS_START.length && this.lineHead.equals(JSON_STATUS_START);
    if (endsLine) this.lineHeadLength = 0;
    return endsLine && isStatusLine;
  }

  reset(): void {
    this.lineHeadLength = 0;
  }
}
