/**
 * One client's conversation, in the manner of the book's `handle_queries`
 * coroutine: write the prompt, await a line, answer it, repeat — with its
 * defects fixed: EOF ends the loop, long replies stream under backpressure
 * (streamer.ts), Ctrl-C stops them, and every limit answers with a line.
 * The bytes, telnet, queues and deadlines live below, in the channel; this
 * file keeps what the conversation knows: commands, settings, the reply
 * format, paging and its cursor, and the shared reply cache.
 */
import type { Socket } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { CharIndex } from '../index/charIndex.js';
import { describeEntry } from '../index/describeChar.js';
import { completions } from '../index/completion.js';
import { parseQuery, trimBlanks } from '../query/parse.js';
import { filterNamesOf } from '../query/filters.js';
import { isSettingCommand, parseCommand, type ColourMode, type Command, type FormatName } from '../query/commands.js';
import { DEFAULT_SETTINGS, describeSetting, settingsKey, withSetting, type SearchSettings } from '../query/settings.js';
import { answerQuery, type Answer } from '../search/answer.js';
import { count } from '../search/sentences.js';
import { interruptedTextStatus, JSON_FORMAT, TEXT_FORMAT, type Refusal, type ReplyFormat } from '../protocol/formats.js';
import * as reply from '../protocol/reply.js';
import { erasePagerLine, hasColour, pageRows, pagerLine, terminalFormat, type TerminalView } from '../protocol/terminalFormat.js';
import type { Log } from '../log.js';
import type { Limits } from './limits.js';
import type { CachedReply, CachedStreamedReply, ReplyCache } from './replyCache.js';
import { Channel, type Input, type LineEditing, type TerminalState } from './channel.js';
import { replayReply, streamReply, type MaybePromise, type RecordedReply, type RecordingBudget, type StreamedReply } from './streamer.js';


/** A search this long (ms) makes its connection pause before its next line, for COSTLY_SEARCH_PAUSE times as long. */
const COSTLY_SEARCH_MS = 5;
const COSTLY_SEARCH_PAUSE = 4;

const FORMATS: Record<FormatName, ReplyFormat> = { text: TEXT_FORMAT, json: JSON_FORMAT };

/** A terminal that has not reported its size (no NAWS) is taken to be the classic one. */
const DEFAULT_COLUMNS = 80;
const DEFAULT_ROWS = 24;

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

/**
 * What `input` resolves to within `ms`, or undefined. The timer's end waits
 * one more turn (setImmediate), so input already read in the same turn as
 * the timer fired still counts.
 */
async function firstWithin<T>(input: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => setImmediate(resolve, undefined), ms);
  });
  try {
    return await Promise.race([input, late]);
  } finally {
    clearTimeout(timer);
  }
}

function asksForJson(input: Input | null): boolean {
  if (input?.kind !== 'line') return false;
  const text = trimBlanks(input.text);
  if (!text.startsWith('/')) return false;
  const parsed = parseCommand(text, []);
  return !('error' in parsed) && parsed.command.name === 'format' && parsed.command.format === 'json';
}

export class Session implements LineEditing {
  readonly id = ++lastSessionId;
  readonly peer: string;
  queries = 0;

  private readonly channel: Channel;
  private format: ReplyFormat = TEXT_FORMAT;
  /** Matches per page; 0 sends every reply whole; null: a screenful in terminal mode, else whole. */
  private pageSize: number | null = null;
  /** `/terminal off`: plain lines even though the client speaks telnet. */
  private terminalOff = false;
  private colour: ColourMode = 'auto';
  /** A pager line is on the screen: the next input erases it first. */
  private pagerShown = false;
  /** The reply being paged through: a shared answer and a position, nothing copied. */
  private cursor: { answer: Answer; next: number } | null = null;
  /** `/match`, `/sort`, `/lang`: this connection's search settings. */
  private settings: SearchSettings = DEFAULT_SETTINGS;
  /** What a reply cache key starts with under these settings (the query follows): made when they change, not per query. */
  private cacheKeyPrefix = `${settingsKey(DEFAULT_SETTINGS)}\0`;
  private shuttingDown = false;

  constructor(
    socket: Socket,
    private readonly context: SessionContext,
  ) {
    this.peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.channel = new Channel(socket, context.limits, context.log, `#${this.id} ${this.peer}`, this);
  }

  /** The connection's whole life; resolves once it is closed. Never rejects. */
  async run(): Promise<void> {
    const { channel } = this;
    try {
      for (let input = await this.greet(); input; input = await channel.next()) {
        // A reply from the cache is answered at once: no promise to wait for.
        const answered = this.answer(input);
        if ((typeof answered === 'string' ? answered : await answered) === 'close') break;
        channel.touch();
        if (channel.hasPendingInput) await nextTurn();
        if (this.shuttingDown) {
          await channel.send(this.shutdownNotice());
          break;
        }
      }
      // The client ended at a pager line: the last line still ends.
      if (this.pagerShown) channel.write(reply.CRLF);
    } catch (error) {
      this.context.log.server(`#${this.id} ${this.peer} session failed: ${(error as Error).stack ?? error}`);
    } finally {
      await channel.close();
    }
  }

  /**
   * Sends the greeting and prompt, unless the first line, arriving within the
   * grace, is `/format json`: then the first bytes a program reads are JSON.
   * Returns the first input (null if the client ended without one).
   */
  private async greet(): Promise<Input | null> {
    const { channel } = this;
    const first = channel.next();
    const early = await firstWithin(first, this.context.limits.greetingGraceMs);
    if (early === undefined || !asksForJson(early)) await channel.send(this.context.greeting + reply.PROMPT);
    return early === undefined ? first : early;
  }

  /** Tab's words, for the channel's line editor (LineEditing). */
  complete(prefix: string, max: number): string[] {
    return completions(this.context.index, prefix, max);
  }

  /** The prompt the line editor draws again after a listing or Ctrl-L (LineEditing). */
  prompt(): string {
    return this.format.prompt;
  }

  /** Called about once a second by the server: the channel's deadlines. */
  checkDeadlines(now: number): void {
    this.channel.checkDeadlines(now);
  }

  /** Asks the session to end after its current reply (server shutdown). */
  shutdown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    if (this.channel.isWaitingForInput) this.channel.interject('shutdown');
  }

  /** Ends the connection now, whatever it is doing; in a shutdown, with the notice. */
  terminate(): void {
    this.channel.terminate(this.shuttingDown ? this.shutdownNotice() : undefined);
  }

  get pendingOutputBytes(): number {
    return this.channel.pendingOutputBytes;
  }

  /** Bytes read from the client so far: what the server has seen (and acted on) of its input. */
  get bytesReceived(): number {
    return this.channel.receivedTotal;
  }

  get pendingInputBytes(): number {
    return this.channel.pendingInputBytes;
  }

  private shutdownNotice(): string {
    return this.format.notice('server shutting down', { shutdown: true });
  }

  private async say(text: string): Promise<Next> {
    await this.channel.send(text + this.format.prompt);
    return 'continue';
  }

  private async sayLast(text: string): Promise<Next> {
    await this.channel.send(text);
    return 'close';
  }

  private refuse(refusal: Refusal): Promise<Next> {
    return this.say(this.format.refusal(refusal));
  }

  private answer(input: Input): Next | Promise<Next> {
    const { limits } = this.context;
    const { format } = this;
    const pagerWasShown = this.pagerShown && this.hidePager();
    switch (input.kind) {
      case 'line':
        // At a pager line, q (and Enter) is a key, not a query.
        if (pagerWasShown && /^\s*q\s*$/i.test(input.text)) return this.stopPaging();
        return this.answerLine(input.text);
      case 'stop-paging':
        return this.stopPaging();
      case 'too-long':
        return this.refuse({ error: 'line too long', bytes: input.bytes, limit: limits.maxLineBytes });
      case 'invalid-utf8':
        return this.refuse({ error: 'invalid UTF-8' });
      case 'runaway':
        return this.sayLast(format.refusal({ error: 'no line end', bytes: input.bytes }));
      case 'end-of-transmission':
        return this.sayLast(format.goodbye(false));
      case 'interrupt':
        return this.sayLast(format.goodbye(true));
      case 'idle':
        return this.sayLast(format.notice(`idle for ${reply.duration(limits.idleTimeoutMs)}; bye`, { bye: true, reason: 'idle', seconds: limits.idleTimeoutMs / 1000 }));
      case 'line-deadline':
        return this.sayLast(format.refusal({ error: 'line deadline', seconds: limits.lineDeadlineMs / 1000 }));
      case 'shutdown':
        return this.sayLast(this.shutdownNotice());
      case 'late-interrupt':
        return this.say(format.notice(reply.lateInterruptLine().trimEnd(), { interrupted: true, sentInFull: true }));
    }
  }

  private answerLine(line: string): Next | Promise<Next> {
    const text = trimBlanks(line);
    if (text.startsWith('/')) {
      const parsed = parseCommand(text, this.context.index.languages.map(({ tag }) => tag));
      return 'error' in parsed ? this.refuse(parsed) : this.obey(parsed.command);
    }
    const started = performance.now();
    // Whole replies are cached for text mode without paging: the same query, the same bytes.
    const cacheKey = this.format === TEXT_FORMAT && (this.pageSize ?? 0) === 0 && this.view() === null ? this.cacheKeyPrefix + text : null;
    const cached = cacheKey === null ? undefined : this.context.replies.get(cacheKey);
    if (cached) {
      this.countQuery();
      const draining = this.channel.send(cached.bytes);
      return draining ? draining.then(() => this.sentFromCache(cached, started)) : this.sentFromCache(cached, started);
    }
    const streamed = cacheKey === null ? undefined : this.context.replies.streamed.get(cacheKey);
    if (streamed) return this.replay(text, streamed, started);
    return this.search(text, cacheKey, started);
  }

  private sentFromCache(cached: CachedReply, started: number): Next {
    this.channel.endReply(cached.bytes.length);
    if (this.context.log.logsQueries) this.logLine(cached.logged, started, 0, cached.total, cached.total);
    return 'continue';
  }

  private search(text: string, cacheKey: string | null, started: number): Next | Promise<Next> {
    const query = parseQuery(text, filterNamesOf(this.context.index.header));
    switch (query.kind) {
      case 'empty':
        // Enter after a page shows the next one: infinite scroll at the prompt.
        if (this.cursor) return this.showNextPage();
        return this.say('');
      case 'invalid':
        return this.refuse({ error: 'invalid query', reason: query.reason });
      default: {
        this.countQuery();
        const answer = answerQuery(this.context.index, query, this.settings, this.context.limits);
        const searchMs = performance.now() - started;
        this.cursor = { answer, next: 0 };
        const { replies } = this.context;
        const keep = cacheKey !== null && replies.records(cacheKey);
        // Most replies go out in one write at once (streamer.ts): answered with no promise, as from the cache.
        const recording = this.nextPage(started, keep ? replies.recordings : null);
        const answered = (recorded: RecordedReply | null): Next | Promise<Next> => {
          if (keep && recorded) replies.keep(cacheKey, recorded, answer.answered, this.describeForLog(text, recorded.total));
          // A costly search held the event loop for everyone: this connection's next line waits a few times as long,
          // so one client pipelining costly lines gets a share of the loop, not all of it. Everyday queries take < 2 ms.
          return searchMs >= COSTLY_SEARCH_MS ? sleep(searchMs * COSTLY_SEARCH_PAUSE).then(() => 'continue') : 'continue';
        };
        return recording instanceof Promise ? recording.then(answered) : answered(recording);
      }
    }
  }

  /** A long reply kept whole (replyCache.ts), streamed again as it went out. */
  private async replay(text: string, reply: CachedStreamedReply, started: number): Promise<Next> {
    this.countQuery();
    this.cursor = null;
    const { sent } = await replayReply(this.channel, reply, (sent) => interruptedTextStatus(sent, reply.total, reply.answered) + TEXT_FORMAT.prompt);
    this.logQuery(text, reply.total, started, 0, sent);
    return 'continue';
  }

  private countQuery(): void {
    this.queries++;
    this.context.stats.queries++;
  }

  private obey(command: Command): Promise<Next> {
    if (isSettingCommand(command)) {
      this.settings = withSetting(this.settings, command);
      this.cacheKeyPrefix = `${settingsKey(this.settings)}\0`;
      return this.say(this.format.notice(describeSetting(command.name, this.settings), { settings: this.settings }));
    }
    switch (command.name) {
      case 'help':
        return this.say(this.format.help(command.topic, this.context.index.header));
      case 'quit':
        return this.sayLast(this.format.goodbye(false));
      case 'more':
        if (this.cursor) return this.showNextPage();
        return this.say(this.format.notice('nothing more to show', { more: false }));
      case 'page': {
        if (command.size !== undefined) this.pageSize = command.size;
        const view = this.view();
        const size = this.pageSizeFor(view);
        const screen = this.pageSize === null && view ? ' (the screen)' : '';
        const sentence = size === 0 ? 'paging off: every reply is complete' : `page size ${count(size)}${screen}: Enter or /more shows the next page`;
        return this.say(this.format.notice(sentence, { page: size }));
      }
      case 'terminal':
        if (command.on === true) {
          this.terminalOff = false;
          this.pageSize = null;
          this.channel.offerTerminal();
          // The reply says what the terminal answered (a client that is no telnet answers nothing: 80×24 assumed).
          return this.channel.terminalAnswered().then(() => this.say(this.format.notice(this.describeTerminal(), { terminal: true })));
        }
        if (command.on === false) {
          this.terminalOff = true;
          this.channel.endCharacterMode();
        }
        return this.say(this.format.notice(this.describeTerminal(), { terminal: this.view() !== null }));
      case 'color': {
        if (command.mode !== undefined) this.colour = command.mode;
        const terminal = this.channel.terminal;
        const on = terminal !== null && this.colourOn(terminal);
        const why = this.colour === 'auto' ? ` (${on ? 'on' : 'off'}: terminal type ${terminal?.type ?? 'not reported'})` : '';
        const where = terminal === null || this.terminalOff ? '; it shows in terminal mode (/t)' : '';
        return this.say(this.format.notice(`color ${this.colour}${why}${where}`, { color: this.colour, on }));
      }
      case 'format':
        if (command.format !== undefined) this.format = FORMATS[command.format];
        return this.say(this.format.notice(`format ${this.format.name}`, { format: this.format.name }));
      case 'info':
        return this.say(this.format.info(describeEntry(this.context.index, command.codePoints, this.settings.lang)));
    }
  }

  /** The screen replies are laid out for: in terminal mode (a telnet client, not turned off, text format), else null. */
  private view(): TerminalView | null {
    const terminal = this.channel.terminal;
    if (terminal === null || this.terminalOff || this.format !== TEXT_FORMAT) return null;
    return { columns: terminal.window?.columns ?? DEFAULT_COLUMNS, rows: terminal.window?.rows ?? DEFAULT_ROWS, colour: this.colourOn(terminal) };
  }

  private colourOn(terminal: TerminalState): boolean {
    return this.colour === 'on' || (this.colour === 'auto' && hasColour(terminal.type));
  }

  private pageSizeFor(view: TerminalView | null): number {
    return this.pageSize ?? (view ? pageRows(view) : 0);
  }

  private describeTerminal(): string {
    const view = this.view();
    const terminal = this.channel.terminal;
    if (view === null || terminal === null) return 'terminal mode off: /t turns it on (at telnet)';
    const size = `${view.columns}×${view.rows}${terminal.window ? '' : ' (assumed)'}`;
    return `terminal ${size} · ${terminal.type ?? 'type unknown'} · colour ${view.colour ? 'on' : 'off'} · ${terminal.characterMode ? 'keys edited here' : 'line mode'}`;
  }

  /** Erases the pager line from the screen; returns true (it was shown). */
  private hidePager(): boolean {
    this.pagerShown = false;
    this.channel.pagerWaiting = false;
    this.channel.write(erasePagerLine(!this.channel.terminal?.characterMode));
    return true;
  }

  /** q or Ctrl-C at the pager line: the reply stops where it is. */
  private stopPaging(): Promise<Next> {
    const cursor = this.cursor;
    this.cursor = null;
    if (!cursor) return this.say('');
    return this.say(reply.stoppedPagingStatus(cursor.next, cursor.answer.lines.total, cursor.answer.answered));
  }

  private async showNextPage(): Promise<Next> {
    await this.nextPage(performance.now());
    return 'continue';
  }

  /**
   * Sends the cursor's next page (all of the rest when paging is off); the
   * time reported counts from `started` (before the search, for a new query).
   * With `record`, returns a whole text reply's batches as they went out.
   */
  private nextPage(started: number, recordings: RecordingBudget | null = null): MaybePromise<RecordedReply | null> {
    // A terminal's size and type decide the page: they are awaited first (answered once, at the start).
    if (this.channel.terminal && !this.terminalOff) return this.channel.terminalAnswered().then(() => this.sendPage(started, recordings));
    return this.sendPage(started, recordings);
  }

  private sendPage(started: number, recordings: RecordingBudget | null): MaybePromise<RecordedReply | null> {
    const cursor = this.cursor!;
    const { maxResults } = this.context.limits;
    const { answer } = cursor;
    const total = maxResults > 0 ? Math.min(answer.lines.total, maxResults) : answer.lines.total;
    const from = cursor.next;
    const view = this.view();
    const pageSize = this.pageSizeFor(view);
    const end = pageSize > 0 ? Math.min(total, from + pageSize) : total;
    const format = view ? terminalFormat(view) : this.format;
    const status = (sent: number, interrupted: boolean) => {
      const more = !interrupted && sent < total;
      // At a terminal a page that has more ends in the pager line, which waits for a key.
      if (view && more) return pagerLine(from, sent, total, view.colour);
      return format.status(answer, { from, sent, more, interrupted, limit: total < answer.lines.total ? maxResults : null, ms: performance.now() - started }) + format.prompt;
    };
    // A whole, uncut text reply can be sent again as it is.
    const whole = from === 0 && end === answer.lines.total && format === TEXT_FORMAT;
    const sent = (streamed: StreamedReply): RecordedReply | null => {
      cursor.next = streamed.sent;
      if (streamed.interrupted || cursor.next >= total || pageSize === 0) this.cursor = null;
      else if (view && !this.channel.closed) {
        this.pagerShown = true;
        this.channel.pagerWaiting = true;
      }
      this.logQuery(answer.query, total, started, from, streamed.sent);
      return streamed.recording;
    };
    const streamed = streamReply(this.channel, this.context.index, format, answer, from, end, status, whole ? recordings : null);
    return streamed instanceof Promise ? streamed.then(sent) : sent(streamed);
  }

  private logQuery(query: string, total: number, started: number, from: number, sent: number): void {
    if (!this.context.log.logsQueries) return;
    this.logLine(this.describeForLog(query, total), started, from, sent, total);
  }

  /** The query and its count of matches as the log shows them; a cached reply keeps its own. */
  private describeForLog(query: string, total: number): string {
    return `${this.context.log.paint.cyan(JSON.stringify(query))} → ${count(total)} ${total === 1 ? 'match' : 'matches'}`;
  }

  private logLine(described: string, started: number, from: number, sent: number, total: number): void {
    const ms = (performance.now() - started).toFixed(2);
    const shown = from === 0 && sent === total ? '' : ` (sent ${count(from)}–${count(sent)})`;
    this.context.log.query(`#${this.id} ${described}${shown} in ${ms} ms`);
  }
}
