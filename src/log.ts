/**
 * The server's console log. Lines are gathered and written once per turn of
 * the event loop: at tens of thousands of queries a second, one write per
 * query would cost more than the query. When stdout is a pipe or a file, the
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
  write(text: string): unknown;
  /** Bytes written but not yet taken by the reader (streams have it). */
  readonly writableLength?: number;
}

/** Log text waiting for a slow reader beyond this is dropped (and counted). */
const MAX_PENDING_LOG_BYTES = 1 << 20;

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
  private buffered: string[] = [];
  private scheduled = false;
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
    this.scheduled = false;
    if (this.buffered.length === 0) return;
    if ((this.sink.writableLength ?? 0) > MAX_PENDING_LOG_BYTES) {
      this.dropped += this.buffered.length;
      this.buffered = [];
      return;
    }
    let text = this.buffered.join('');
    this.buffered = [];
    if (this.dropped > 0) {
      text = `${new Date().toISOString()} ${this.prefix}(${this.dropped} log lines dropped: the log's reader is slower than the server)\n${text}`;
      this.dropped = 0;
    }
    this.sink.write(text);
  }

  /** Writes what is pending and waits until the reader has it (before the process exits). */
  async close(): Promise<void> {
    this.flush();
    const sink = this.sink as Partial<NodeJS.WritableStream> & LogSink;
    if (sink === process.stdout || typeof sink.end !== 'function') return;
    const finished = once(sink as NodeJS.WritableStream, 'finish');
    sink.end();
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }

  private emit(message: string): void {
    this.buffered.push(`${this.paint.gray(new Date().toISOString())} ${this.prefix}${message}\n`);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
