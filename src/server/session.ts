/**
 * One client connection: all its state in one object, and one async loop —
 * write the prompt, await a line, answer it, repeat — in the manner of the
 * book's `handle_queries` coroutine, with its defects fixed: EOF ends the
 * loop, long replies stream in batches under backpressure, Ctrl-C stops them.
 */
import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CharIndex } from '../index/charIndex.js';
import { parseQuery } from '../query/parse.js';
import { filterNamesOf } from '../query/filters.js';
import { applySettingCommand, DEFAULT_SETTINGS, type SearchSettings } from '../query/settings.js';
import { LineSplitter, type LineEvent } from '../protocol/lines.js';
import { TelnetFilter, WILL_TIMING_MARK, type TelnetEvent } from '../protocol/telnet.js';
import { answerQuery, nextBatch, type Answer } from '../protocol/results.js';
import * as reply from '../protocol/reply.js';
import { escapeForTerminal } from '../protocol/display.js';
import type { Log } from './log.js';

export interface SessionLimits {
  /** Longest query line, in bytes. */
  maxLineBytes: number;
  /** Bytes without a line end after which the connection is closed. */
  maxUnterminatedBytes: number;
  /** Received bytes held before we stop reading and let TCP push back. */
  maxQueuedInputBytes: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxLineBytes: 1024,
  maxUnterminatedBytes: 64 * 1024,
  maxQueuedInputBytes: 64 * 1024,
};

/** Bytes gathered into one write while streaming a reply. */
export const BATCH_BYTES = 64 * 1024;

type Input = LineEvent | { kind: 'interrupt' };

/** What the session does after answering an input. */
type Next = 'continue' | 'close';

export interface SessionContext {
  index: CharIndex;
  greeting: string;
  limits: SessionLimits;
  log: Log;
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

  /** `/match`, `/sort`, `/lang`: this connection's search settings. */
  private settings: SearchSettings = DEFAULT_SETTINGS;

  private replying = false;
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
      } else await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private nextInput(): Input | undefined {
    while (this.inputHead === this.inputs.length) {
      const chunk = this.received.shift();
      if (!chunk) return undefined;
      this.receivedBytes -= chunk.length;
      this.inputs = this.splitter.push(chunk);
      this.inputHead = 0;
      if (this.socket.isPaused() && this.receivedBytes < this.context.limits.maxQueuedInputBytes) this.socket.resume();
    }
    return this.inputs[this.inputHead++];
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
        else this.inputs.push({ kind: 'interrupt' });
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
    switch (input.kind) {
      case 'line':
        return this.answerLine(input.text);
      case 'too-long':
        await this.send(reply.errorLine(`line too long (${reply.count(input.bytes)} bytes; the limit is ${reply.count(this.context.limits.maxLineBytes)})`) + reply.PROMPT);
        return 'continue';
      case 'invalid-utf8':
        await this.send(reply.errorLine('that line is not valid UTF-8; send UTF-8 text') + reply.PROMPT);
        return 'continue';
      case 'runaway':
        await this.send(reply.errorLine(`no line end in ${reply.count(input.bytes)} bytes; closing the connection`));
        return 'close';
      case 'end-of-transmission':
        await this.send(reply.GOODBYE);
        return 'close';
      case 'interrupt':
        await this.send(`Interrupted. ${reply.GOODBYE}`);
        return 'close';
    }
  }

  private async answerLine(line: string): Promise<Next> {
    const text = line.trim();
    if (text.startsWith('/')) return this.answerCommand(text);
    const query = parseQuery(text, filterNamesOf(this.context.index.header));
    const { index } = this.context;
    switch (query.kind) {
      case 'empty':
        await this.send(reply.PROMPT);
        return 'continue';
      case 'invalid':
        await this.send(reply.errorLine(query.reason) + reply.PROMPT);
        return 'continue';
      default:
        await this.stream(answerQuery(index, query, this.settings));
        return 'continue';
    }
  }

  private async answerCommand(text: string): Promise<Next> {
    const setting = applySettingCommand(text, this.settings, this.context.index.languages.map(({ tag }) => tag));
    if (setting) {
      if ('error' in setting) await this.send(reply.errorLine(setting.error) + reply.PROMPT);
      else {
        this.settings = setting.settings;
        await this.send(setting.reply + reply.CRLF + reply.PROMPT);
      }
      return 'continue';
    }
    const [command] = text.toLowerCase().split(/\s+/);
    switch (command) {
      case '/help':
        await this.send(reply.HELP + reply.PROMPT);
        return 'continue';
      case '/quit':
      case '/exit':
        await this.send(reply.GOODBYE);
        return 'close';
      default:
        await this.send(reply.errorLine(`unknown command '${escapeForTerminal(command)}'; /help lists the commands`) + reply.PROMPT);
        return 'continue';
    }
  }

  /**
   * Sends a reply in batches: after each, wait for 'drain' if the socket is
   * full, else yield one turn of the event loop so other clients are served.
   */
  private async stream({ query, lines, status }: Answer): Promise<void> {
    const started = performance.now();
    this.queries++;
    this.replying = true;
    this.interruptRequested = false;
    let sent = 0;
    try {
      while (sent < lines.total && !this.interruptRequested && !this.closed) {
        const batch = nextBatch(lines, sent, BATCH_BYTES);
        sent = batch.next;
        if (sent === lines.total) {
          // The whole rest fits: status and prompt ride in the same write.
          await this.send(Buffer.concat([batch.bytes, Buffer.from(status(lines.total) + reply.PROMPT)]));
          this.logQuery(query, lines.total, started);
          return;
        }
        if (!this.socket.write(batch.bytes)) await this.drained();
        else await nextTurn();
      }
    } finally {
      this.replying = false;
    }
    if (this.closed) return;
    if (sent < lines.total) {
      if (this.timingMarkOwed) this.socket.write(WILL_TIMING_MARK);
      this.timingMarkOwed = false;
      this.interruptRequested = false;
      await this.send(reply.interruptedStatus(sent, lines.total, query) + reply.PROMPT);
    } else {
      await this.send(status(lines.total) + reply.PROMPT);
    }
    this.logQuery(query, lines.total, started, sent < lines.total ? sent : undefined);
  }

  private logQuery(query: string, total: number, started: number, interruptedAt?: number): void {
    const { log } = this.context;
    if (!log.logsQueries) return;
    const ms = (performance.now() - started).toFixed(2);
    const outcome = interruptedAt === undefined ? `${reply.count(total)} matches` : `interrupted at ${reply.count(interruptedAt)} of ${reply.count(total)}`;
    log.query(`#${this.id} ${log.paint.cyan(JSON.stringify(query))} → ${outcome} in ${ms} ms`);
  }

  /** Writes, then waits while the socket's buffer is over its high-water mark. */
  private async send(data: string | Buffer): Promise<void> {
    if (this.closed) return;
    if (!this.socket.write(data)) await this.drained();
  }

  private async drained(): Promise<void> {
    while (!this.closed && this.socket.writableNeedDrain) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    }
  }

  /** Ends the connection now, whatever it is doing (server shutdown). */
  terminate(): void {
    this.socket.destroy();
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      // A client that never reads cannot keep a closing socket forever.
      setTimeout(() => this.socket.destroy(), 5000).unref();
    });
  }
}
