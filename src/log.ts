/**
 * The server's console log. Lines are gathered and written at most every
 * LOG_FLUSH_MS: at tens of thousands of queries a second, one write per
 * query would cost more than the query, and so did one write per turn of the
 * event loop (thousands a second, each a trip through libuv's thread pool
 * and two thread wake-ups on a 2-core machine). When stdout is a pipe or a file, the
 * writes go through an asynchronous stream (process.stdout would block the
 * whole server on a slow reader: writes to pipes and files are synchronous
 * on Linux), and if the reader falls far behind, lines are dropped and counted
 * rather than held without bound.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Chalk, type ChalkInstance } from 'chalk';

/** How much the server logs; each level includes the ones before it. */
export const LOG_LEVELS = ['none', 'server', 'connections', 'queries'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSink {
  write(chunk: Buffer | string): unknown;
  /** Bytes written but not yet taken by the reader (streams have it). */
  readonly writableLength?: number;
}

/** Log text waiting for a slow reader beyond this is dropped (and counted). */
const MAX_PENDING_LOG_BYTES = 1 << 20;

/** Gathered lines wait this long at most (ms), or until there are LOG_BATCH_BYTES of them. */
const LOG_FLUSH_MS = 20;
const LOG_BATCH_BYTES = 64 * 1024;

/** Where the log goes by default: the terminal as is, else stdout's descriptor through an asynchronous stream. */
function standardOutput(): LogSink {
  if (process.stdout.isTTY) return process.stdout;
  const stream = createWriteStream('', { fd: 1, autoClose: false });
  stream.on('error', () => {}); // a closed reader must not take the server down
  return stream;
}

export class Log {
  readonly paint: ChalkInstance;
  private readonly rank: number;
  /**
   * The lines gathered, encoded as they come into one buffer (`batchBytes`
   * of it), handed to the sink whole. Lines kept as strings, joined and
   * encoded at the flush, made the log 8% of the server's busy time under
   * the bench's small mix, where every reply comes from the cache (now 3.5%).
   */
  private batch: Buffer | null = null;
  private batchBytes = 0;
  private batchLines = 0;
  private scheduled: NodeJS.Timeout | null = null;
  /** The last line's timestamp, painted, and the millisecond it is for: lines of one millisecond share it. */
  private stampText = '';
  private stampAt = -1;
  private dropped = 0;
  private readonly sink: LogSink;

  constructor(
    level: LogLevel = 'queries',
    sink?: LogSink,
    colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    /** Put before every line, e.g. which worker process speaks. */
    private readonly prefix = '',
  ) {
    this.rank = LOG_LEVELS.indexOf(level);
    this.paint = new Chalk({ level: colour ? 1 : 0 });
    // Logging nothing needs no stream (tests make many such logs).
    this.sink = sink ?? (this.rank > 0 ? standardOutput() : { write: () => true });
  }

  /** Start-up, shutdown, errors. */
  server(message: string): void {
    if (this.rank >= 1) this.emit(message);
  }

  connection(message: string): void {
    if (this.rank >= 2) this.emit(message);
  }

  query(message: string): void {
    if (this.rank >= 3) this.emit(message);
  }

  /** Whether query lines are wanted (callers skip building them otherwise). */
  get logsQueries(): boolean {
    return this.rank >= 3;
  }

  flush(): void {
    if (this.scheduled !== null) clearTimeout(this.scheduled);
    this.scheduled = null;
    const { batch, batchBytes, batchLines } = this;
    if (batch === null || batchBytes === 0) return;
    // The sink keeps the buffer until it is written: the next lines go into a new one.
    this.batch = null;
    this.batchBytes = 0;
    this.batchLines = 0;
    if ((this.sink.writableLength ?? 0) > MAX_PENDING_LOG_BYTES) {
      this.dropped += batchLines;
      return;
    }
    if (this.dropped > 0) {
      this.sink.write(`${new Date().toISOString()} ${this.prefix}(${this.dropped} log lines dropped: the log's reader is slower than the server)\n`);
      this.dropped = 0;
    }
    this.sink.write(batch.subarray(0, batchBytes));
  }

  /** Writes what is pending and waits until the reader has it (before the process exits). */
  async close(): Promise<void> {
    this.flush();
    const sink = this.sink as Partial<NodeJS.WritableStream> & LogSink;
    if (sink === process.stdout || typeof sink.end !== 'function') return;
    // A reader gone (EPIPE) makes the stream fail rather than finish: the close is over then too.
    const finished = once(sink as NodeJS.WritableStream, 'finish').catch(() => {});
    sink.end();
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }

  private emit(message: string): void {
    const line = `${this.stamp()} ${this.prefix}${message}\n`;
    // A UTF-16 unit is at most three bytes of UTF-8: a line that might not fit ends the batch first.
    const most = 3 * line.length;
    if (this.batch !== null && this.batchBytes + most > this.batch.length) this.flush();
    if (most > LOG_BATCH_BYTES) {
      // Longer than a batch could take (a line of some 20,000 characters): a write of its own, after the lines before it.
      this.flush();
      if ((this.sink.writableLength ?? 0) > MAX_PENDING_LOG_BYTES) this.dropped++;
      else this.sink.write(line);
      return;
    }
    this.batch ??= Buffer.allocUnsafe(LOG_BATCH_BYTES);
    this.batchBytes += this.batch.write(line, this.batchBytes);
    this.batchLines++;
    this.scheduled ??= setTimeout(() => this.flush(), LOG_FLUSH_MS);
  }

  private stamp(): string {
    const now = Date.now();
    if (now !== this.stampAt) {
      this.stampAt = now;
      this.stampText = this.paint.gray(new Date(now).toISOString());
    }
    return this.stampText;
  }
}
