/**
 * The server's console log. Lines are gathered and written once per turn of
 * the event loop: at tens of thousands of queries a second, one write per
 * query (synchronous on Linux pipes and files) would cost more than the query.
 */
import { Chalk, type ChalkInstance } from 'chalk';

/** How much the server logs; each level includes the ones before it. */
export const LOG_LEVELS = ['none', 'server', 'connections', 'queries'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSink {
  write(text: string): unknown;
}

export class Log {
  readonly paint: ChalkInstance;
  private readonly rank: number;
  private buffered: string[] = [];
  private scheduled = false;

  constructor(
    level: LogLevel = 'queries',
    private readonly sink: LogSink = process.stdout,
    colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    /** Put before every line, e.g. which worker process speaks. */
    private readonly prefix = '',
  ) {
    this.rank = LOG_LEVELS.indexOf(level);
    this.paint = new Chalk({ level: colour ? 1 : 0 });
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
    const text = this.buffered.join('');
    this.buffered = [];
    this.sink.write(text);
  }

  private emit(message: string): void {
    this.buffered.push(`${this.paint.gray(new Date().toISOString())} ${this.prefix}${message}\n`);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
