/**
 * One client connection: all its state in one object, and one async loop —
 * write the prompt, await a line, answer it, repeat — in the manner of the
 * book's `handle_queries` coroutine, with its defects fixed: EOF ends the
 * loop, long replies stream in batches under backpressure, Ctrl-C stops them.
 */
import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CharIndex } from '../index/charIndex.js';
import { parseQuery, trimBlanks } from '../query/parse.js';
import { filterNamesOf } from '../query/filters.js';
import { applySettingCommand, DEFAULT_SETTINGS, type SearchSettings } from '../query/settings.js';
import { LineSplitter, type LineEvent } from '../protocol/lines.js';
import { TelnetFilter, WILL_TIMING_MARK, type TelnetEvent } from '../protocol/telnet.js';
import { answerQuery, type Answer } from '../protocol/results.js';
import { JSON_FORMAT, TEXT_FORMAT, type Refusal, type ReplyFormat } from '../protocol/formats.js';
import * as reply from '../protocol/reply.js';
import type { Log } from './log.js';
import type { Limits } from './limits.js';
import type { CachedReply, ReplyCache } from './replyCache.js';


/** Bytes gathered into one write while streaming a reply. */
export const BATCH_BYTES = 64 * 1024;

/** How long a streaming reply may run before it yields to the other connections. */
const STREAM_SLICE_MS = 0.25;

/** How long after a long reply a Ctrl-C still counts as stopping it: a base, plus time per MB sent. */
const LATE_INTERRUPT_BASE_MS = 2000;
const LATE_INTERRUPT_MS_PER_MB = 2000;

/** How long a closed session's socket may wait for the client's own close. */
const CLOSE_LINGER_MS = 5000;

const FORMATS: Record<string, ReplyFormat> = { text: TEXT_FORMAT, json: JSON_FORMAT };
const EMPTY_BYTES = Buffer.alloc(0);

type Input = LineEvent | { kind: 'interrupt' | 'late-interrupt' | 'idle' | 'line-deadline' | 'shutdown' };

/** What the session does after answering an input. */
type Next = 'continue' | 'close';

/** What every session shares: the index, the limits, the log, the server's counters. */
export interface SessionContext {
  index: CharIndex;
  greeting: string;
  limits: Limits;
  log: Log;
  stats: { queries: number };
  replies: ReplyCache;
}

let lastSessionId = 0;

export class Session {
  readonly id = ++lastSessionId;
  readonly peer: string;
  queries = 0;

  private readonly telnet = new TelnetFilter();
  private splitter: LineSplitter;
  /** Telnet-filtered bytes not yet split into lines. */
  private received: Buffer[] = [];
  private receivedBytes = 0;
  /** Inputs split off and not yet handled. */
  private inputs: Input[] = [];
  private inputHead = 0;
  private clientEnded = false;
  private closed = false;
  private wakeReader: (() => void) | null = null;
  private wakeWriter: (() => void) | null = null;

  private format: ReplyFormat = TEXT_FORMAT;
  /** Matches per page; 0 sends every reply whole. */
  private pageSize = 0;
  /** The reply being paged through: a shared result and a position, nothing copied. */
  private cursor: { answer: Answer; next: number } | null = null;

  /** When the last line arrived or was answered: the idle timeout counts from here. */
  private lastActivityAt = performance.now();
  /** When the reader first waited on a line begun but not ended: the line deadline counts from here. */
  private partialLineSince: number | null = null;
  private waitingForInput = false;
  /** While a reply waits for 'drain': output still queued, and since when it has not shrunk. */
  private stall: { queued: number; since: number } | null = null;
  private shuttingDown = false;
  /** `/match`, `/sort`, `/lang`: this connection's search settings. */
  private settings: SearchSettings = DEFAULT_SETTINGS;

  /** The last reply if it went out whole in one write (see ReplyCache). */
  private wholeReply: CachedReply | null = null;

  private replying = false;
  private lastReply = { bytes: 0, endedAt: 0 };
  private interruptRequested = false;
  private timingMarkOwed = false;

  constructor(
    private readonly socket: Socket,
    private readonly context: SessionContext,
  ) {
    this.peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.splitter = new LineSplitter(context.limits);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => {
      this.clientEnded = true;
      this.wake();
    });
    socket.on('drain', () => this.wake());
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      context.log.connection(`#${this.id} ${this.peer} socket error: ${error.code ?? error.message}`);
    });
  }

  /** The connection's whole life; resolves once it is closed. Never rejects. */
  async run(): Promise<void> {
    try {
      await this.send(this.context.greeting + reply.PROMPT);
      for await (const input of this.lines()) {
        if ((await this.answer(input)) === 'close') break;
        this.lastActivityAt = performance.now();
        // Pipelined lines wait one turn of the event loop each, so a client
        // sending thousands at once takes turns with everyone else.
        if (this.inputHead < this.inputs.length || this.received.length > 0) await nextTurn();
        if (this.shuttingDown) {
          await this.send(this.shutdownNotice());
          break;
        }
      }
    } catch (error) {
      this.context.log.server(`#${this.id} ${this.peer} session failed: ${(error as Error).stack ?? error}`);
    } finally {
      await this.close();
    }
  }

  private async *lines(): AsyncGenerator<Input> {
    for (;;) {
      const input = this.nextInput();
      if (input) yield input;
      else if (this.closed || (this.clientEnded && this.received.length === 0)) {
        for (const last of this.splitter.end()) yield last;
        return;
      } else {
        if (this.splitter.hasPartialLine) this.partialLineSince ??= performance.now();
        this.waitingForInput = true;
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
        this.waitingForInput = false;
      }
    }
  }

  private nextInput(): Input | undefined {
    while (this.inputHead === this.inputs.length) {
      const chunk = this.received.shift();
      if (!chunk) return undefined;
      this.inputs = this.splitter.push(chunk, this.context.limits.maxQueuedLines);
      this.inputHead = 0;
      const consumed = this.splitter.stoppedAt;
      this.receivedBytes -= consumed;
      // Lines beyond the limit stay unsplit, at the front of the queue.
      if (consumed < chunk.length) this.received.unshift(chunk.subarray(consumed));
      if (this.socket.isPaused() && this.receivedBytes < this.context.limits.maxQueuedInputBytes) this.socket.resume();
    }
    this.partialLineSince = null;
    this.lastActivityAt = performance.now();
    return this.inputs[this.inputHead++];
  }

  /**
   * Called about once a second by the server (more often when limits are
   * short): enforces the idle timeout, the line deadline and the write stall.
   */
  checkDeadlines(now: number): void {
    const { idleTimeoutMs, lineDeadlineMs, writeStallTimeoutMs } = this.context.limits;
    if (this.waitingForInput) {
      if (this.partialLineSince !== null && now - this.partialLineSince >= lineDeadlineMs) this.interject('line-deadline');
      else if (this.partialLineSince === null && now - this.lastActivityAt >= idleTimeoutMs) this.interject('idle');
    } else if (this.stall) {
      const queued = this.socket.writableLength;
      if (queued < this.stall.queued) this.stall = { queued, since: now };
      else if (now - this.stall.since >= writeStallTimeoutMs) {
        // It reads nothing, so a goodbye would never arrive: just drop it.
        this.context.log.connection(`#${this.id} ${this.peer} read nothing for ${writeStallTimeoutMs / 1000} s: dropped`);
        this.socket.destroy();
      }
    }
  }

  /** Asks the session to end after its current reply (server shutdown). */
  shutdown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    if (this.waitingForInput) this.interject('shutdown');
  }

  private shutdownNotice(): string {
    return this.format.notice('server shutting down', { shutdown: true });
  }

  /** Puts an event ahead of any pending input and wakes the loop. */
  private interject(kind: 'idle' | 'line-deadline' | 'shutdown'): void {
    this.inputs = [{ kind }];
    this.inputHead = 0;
    this.received = [];
    this.receivedBytes = 0;
    this.wake();
  }

  private onData(chunk: Buffer): void {
    const { data, reply: negotiation, events } = this.telnet.push(chunk);
    if (negotiation) this.socket.write(negotiation);
    if (data.length > 0) {
      this.received.push(data);
      this.receivedBytes += data.length;
      // Beyond this, input waits in the kernel and TCP slows the client down.
      if (this.receivedBytes >= this.context.limits.maxQueuedInputBytes) this.socket.pause();
    }
    for (const event of events) this.onTelnetCommand(event);
    this.wake();
  }

  private onTelnetCommand(event: TelnetEvent): void {
    switch (event) {
      case 'interrupt':
        // Ctrl-C flushes what was typed ahead, then stops a reply or ends the session.
        this.received = [];
        this.receivedBytes = 0;
        this.inputs = [];
        this.inputHead = 0;
        this.splitter = new LineSplitter(this.context.limits);
        if (this.socket.isPaused()) this.socket.resume();
        if (this.replying) this.interruptRequested = true;
        else this.inputs.push({ kind: this.replyMayStillBeShowing() ? 'late-interrupt' : 'interrupt' });
        break;
      case 'timing-mark':
        // The client hides our output until this answer; it must follow the end of the stopped reply.
        if (this.replying && this.interruptRequested) this.timingMarkOwed = true;
        else this.socket.write(WILL_TIMING_MARK);
        break;
      case 'are-you-there':
        this.socket.write(`[charfinder: yes]${reply.CRLF}`);
        break;
    }
  }

  private wake(): void {
    const reader = this.wakeReader;
    const writer = this.wakeWriter;
    this.wakeReader = this.wakeWriter = null;
    reader?.();
    writer?.();
  }

  private async answer(input: Input): Promise<Next> {
    const { limits } = this.context;
    switch (input.kind) {
      case 'line':
        return this.answerLine(input.text);
      case 'too-long':
        return this.refuse({ error: 'line too long', bytes: input.bytes, limit: limits.maxLineBytes });
      case 'invalid-utf8':
        return this.refuse({ error: 'invalid UTF-8' });
      case 'runaway':
        await this.send(this.format.refusal({ error: 'no line end', bytes: input.bytes }));
        return 'close';
      case 'end-of-transmission':
        await this.send(this.format.goodbye(false));
        return 'close';
      case 'interrupt':
        await this.send(this.format.goodbye(true));
        return 'close';
      case 'idle':
        await this.send(this.format.notice(`idle for ${reply.duration(limits.idleTimeoutMs)}; bye`, { bye: true, reason: 'idle', seconds: limits.idleTimeoutMs / 1000 }));
        return 'close';
      case 'line-deadline':
        await this.send(this.format.refusal({ error: 'line deadline', seconds: limits.lineDeadlineMs / 1000 }));
        return 'close';
      case 'shutdown':
        await this.send(this.shutdownNotice());
        return 'close';
      case 'late-interrupt':
        await this.send(this.format.notice(reply.lateInterruptLine().trimEnd(), { interrupted: true, sentInFull: true }) + this.format.prompt);
        return 'continue';
    }
  }

  private async refuse(refusal: Refusal): Promise<Next> {
    await this.send(this.format.refusal(refusal) + this.format.prompt);
    return 'continue';
  }

  private async answerLine(line: string): Promise<Next> {
    const text = trimBlanks(line);
    if (text.startsWith('/')) return this.answerCommand(text);
    // Whole replies are cached for text mode without paging: the same query, the same bytes.
    const cacheKey = this.format === TEXT_FORMAT && this.pageSize === 0 ? `${this.settings.match} ${this.settings.sort} ${this.settings.lang} ${text}` : null;
    const cached = cacheKey === null ? undefined : this.context.replies.get(cacheKey);
    if (cached) return this.sendCached(text, cached);
    const query = parseQuery(text, filterNamesOf(this.context.index.header));
    switch (query.kind) {
      case 'empty':
        // Enter after a page shows the next one: infinite scroll at the prompt.
        if (this.cursor) return this.nextPage();
        await this.send(this.format.prompt);
        return 'continue';
      case 'invalid':
        return this.refuse({ error: 'invalid query', reason: query.reason });
      default: {
        this.cursor = { answer: answerQuery(this.context.index, query, this.settings, this.context.limits), next: 0 };
        this.wholeReply = null;
        const next = await this.nextPage();
        if (cacheKey !== null && this.wholeReply !== null) this.context.replies.set(cacheKey, this.wholeReply);
        return next;
      }
    }
  }

  private async sendCached(text: string, cached: CachedReply): Promise<Next> {
    const started = performance.now();
    this.queries++;
    this.context.stats.queries++;
    await this.send(cached.bytes);
    this.logQuery(text, cached.total, started, 0, cached.total);
    return 'continue';
  }

  private async answerCommand(text: string): Promise<Next> {
    const setting = applySettingCommand(text, this.settings, this.context.index.languages.map(({ tag }) => tag));
    if (setting) {
      if ('error' in setting) return this.refuse({ error: 'invalid setting', reason: setting.error });
      this.settings = setting.settings;
      await this.send(this.format.notice(setting.reply, { settings: setting.settings }) + this.format.prompt);
      return 'continue';
    }
    const [command, argument = ''] = text.split(/\s+/);
    switch (command.toLowerCase()) {
      case '/help':
        await this.send(this.format.help() + this.format.prompt);
        return 'continue';
      case '/quit':
      case '/exit':
        await this.send(this.format.goodbye(false));
        return 'close';
      case '/more':
        if (this.cursor) return this.nextPage();
        await this.send(this.format.notice('nothing more to show', { more: false }) + this.format.prompt);
        return 'continue';
      case '/page':
        return this.setPageSize(argument);
      case '/format':
        return this.setFormat(argument);
      default:
        return this.refuse({ error: 'unknown command', command });
    }
  }

  private async setPageSize(argument: string): Promise<Next> {
    const value = argument.toLowerCase();
    const size = value === 'off' ? 0 : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(size)) {
      return this.refuse({ error: 'invalid argument', command: '/page', argument, expected: 'a number of matches per page, or off' });
    }
    this.pageSize = size;
    const sentence = size === 0 ? 'paging off: every reply is complete' : `page size ${reply.count(size)}: Enter or /more shows the next page`;
    await this.send(this.format.notice(sentence, { page: size }) + this.format.prompt);
    return 'continue';
  }

  private async setFormat(argument: string): Promise<Next> {
    const format = FORMATS[argument.toLowerCase()];
    if (!format) return this.refuse({ error: 'invalid argument', command: '/format', argument, expected: 'text or json' });
    this.format = format;
    await this.send(format.notice(`format ${format.name}`, { format: format.name }) + format.prompt);
    return 'continue';
  }

  /** Sends the cursor's next page (all of the rest when paging is off). */
  private async nextPage(): Promise<Next> {
    const cursor = this.cursor!;
    const { maxResults } = this.context.limits;
    const total = maxResults > 0 ? Math.min(cursor.answer.lines.total, maxResults) : cursor.answer.lines.total;
    const end = this.pageSize > 0 ? Math.min(total, cursor.next + this.pageSize) : total;
    cursor.next = await this.stream(cursor.answer, cursor.next, end);
    if (cursor.next >= total || this.pageSize === 0) this.cursor = null;
    return 'continue';
  }

  /**
   * Sends positions from … end-1 of a reply in batches, then its status line:
   * after each batch, wait for 'drain' if the socket is full, else yield one
   * turn of the event loop so other clients are served. Returns the position
   * reached (less than `end` when interrupted).
   */
  private async stream(answer: Answer, from: number, end: number): Promise<number> {
    const started = performance.now();
    const { index } = this.context;
    const format = this.format;
    const { maxResults } = this.context.limits;
    const total = maxResults > 0 ? Math.min(answer.lines.total, maxResults) : answer.lines.total;
    if (from === 0) {
      this.queries++;
      this.context.stats.queries++;
    }
    this.replying = true;
    this.interruptRequested = false;
    let sent = from;
    let bytes = 0;
    const statusFor = (interrupted: boolean) =>
      format.status(answer, {
        from,
        sent,
        more: !interrupted && sent < total,
        interrupted,
        limit: total < answer.lines.total ? maxResults : null,
        ms: performance.now() - started,
      }) + format.prompt;
    try {
      let statusSent = false;
      let sliceStarted = performance.now();
      let firstBatch = true;
      while (!statusSent && !this.interruptRequested && !this.closed) {
        const batch = sent < end ? format.batch(index, answer.lines, sent, end, BATCH_BYTES) : { bytes: EMPTY_BYTES, next: sent };
        sent = batch.next;
        bytes += batch.bytes.length;
        if (sent === end) {
          // The rest fits in this batch: the status and prompt ride in the same write.
          statusSent = true;
          const reply = Buffer.concat([batch.bytes, Buffer.from(statusFor(false))]);
          // A whole, uncut reply in one write (its first batch is also its last) can be sent again as is.
          if (firstBatch && from === 0 && end === answer.lines.total && format === TEXT_FORMAT) this.wholeReply = { bytes: reply, total: end };
          await this.send(reply);
        } else {
          if (!this.socket.write(batch.bytes)) await this.drained();
          // A reader that keeps up gets batch after batch, but only for its slice of
          // the event loop: then everyone else is served before the next batch.
          if (performance.now() - sliceStarted >= STREAM_SLICE_MS) {
            await nextTurn();
            sliceStarted = performance.now();
          }
          firstBatch = false;
        }
      }
    } finally {
      this.replying = false;
      this.lastReply = { bytes, endedAt: performance.now() };
    }
    if (!this.closed && this.interruptRequested) {
      // Ctrl-C arrived while the reply was going out (perhaps after its last byte left us):
      // the client discards output until the timing mark, so the status must come after it.
      this.interruptRequested = false;
      if (this.timingMarkOwed) this.socket.write(WILL_TIMING_MARK);
      this.timingMarkOwed = false;
      await this.send(statusFor(true));
      this.cursor = null;
    }
    this.logQuery(answer.query, total, started, from, sent);
    return sent;
  }

  /**
   * True while a long reply may still be on its way to the client's screen:
   * it left our socket, but kernel buffers and the terminal take a while.
   * A Ctrl-C then is aimed at the reply, not at the session.
   */
  private replyMayStillBeShowing(): boolean {
    const { bytes, endedAt } = this.lastReply;
    if (bytes <= BATCH_BYTES) return false;
    return performance.now() - endedAt < LATE_INTERRUPT_BASE_MS + (bytes / 1_048_576) * LATE_INTERRUPT_MS_PER_MB;
  }

  private logQuery(query: string, total: number, started: number, from: number, sent: number): void {
    const { log } = this.context;
    if (!log.logsQueries) return;
    const ms = (performance.now() - started).toFixed(2);
    const matches = `${reply.count(total)} ${total === 1 ? 'match' : 'matches'}`;
    const shown = from === 0 && sent === total ? '' : ` (sent ${reply.count(from)}–${reply.count(sent)})`;
    log.query(`#${this.id} ${log.paint.cyan(JSON.stringify(query))} → ${matches}${shown} in ${ms} ms`);
  }

  /** Writes, then waits while the socket's buffer is over its high-water mark. */
  private async send(data: string | Buffer): Promise<void> {
    if (this.closed) return;
    if (!this.socket.write(data)) await this.drained();
  }

  private async drained(): Promise<void> {
    this.stall = { queued: this.socket.writableLength, since: performance.now() };
    while (!this.closed && this.socket.writableNeedDrain) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    }
    this.stall = null;
  }

  /** Output written but not yet taken by the kernel: bounded by one batch plus the high-water mark. */
  get pendingOutputBytes(): number {
    return this.socket.writableLength;
  }

  /** Input received but not yet split into lines: bounded by maxQueuedInputBytes plus one read. */
  get pendingInputBytes(): number {
    return this.receivedBytes;
  }

  /** Ends the connection now, whatever it is doing; in a shutdown, with the notice. */
  terminate(): void {
    if (this.closed) return;
    if (!this.shuttingDown) {
      this.socket.destroy();
      return;
    }
    this.socket.end(this.shutdownNotice());
    setTimeout(() => this.socket.destroy(), 500).unref();
  }

  /**
   * Ends our side and returns once everything we sent is with the kernel. The
   * socket itself closes when the client ends its side too: closing it before
   * could reset the connection and lose our last lines (the client may have
   * sent more than we read). A client that never does is cut off after a while.
   */
  private async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const linger = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_MS);
      // Cleared at once on close: a pending timer would keep the whole session alive for its duration.
      this.socket.once('close', () => {
        clearTimeout(linger);
        resolve();
      });
      this.socket.once('finish', () => resolve());
      this.socket.end();
    });
  }
}
