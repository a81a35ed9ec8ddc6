/**
 * A connection's byte side, below the conversation: telnet commands filtered
 * out and answered, bytes split into lines, input queued and paused, output
 * written and drained, deadlines kept, and the close. The conversation above
 * sees only `next()` (the next line or event) and `send()`.
 *
 * Everything a client can make the server write counts: telnet answers
 * (negotiation, Are You There, timing marks) are coalesced per read and,
 * like replies, stop the reading once the output queue is over its bound, so
 * a client that asks and never reads pushes back on itself through TCP; and
 * the write-stall rule drops a client whose queued output has not moved for
 * the limit, whether or not a reply is going out.
 */
import type { Socket } from 'node:net';
import { LineSplitter, type LineEvent } from '../protocol/lines.js';
import { TelnetFilter, WILL_TIMING_MARK, type TelnetEvent, type WindowSize } from '../protocol/telnet.js';
import { CRLF } from '../protocol/reply.js';
import { LineEditor, type EditorEvent } from '../terminal/lineEditor.js';
import { KeyDecoder } from '../terminal/keys.js';
import type { Log } from '../log.js';
import type { Limits } from './limits.js';
import { writeInTurn } from './turnWrites.js';

/**
 * An input for the conversation: a line (or a line's refusal), or an event
 * that stands in for one; `stop-paging` is Ctrl-C while a pager line waits.
 */
export type Input = LineEvent | { kind: 'interrupt' | 'late-interrupt' | 'idle' | 'line-deadline' | 'shutdown' | 'stop-paging' };

/**
 * What a conversation lends the channel for editing lines in character mode:
 * the words Tab offers, and the prompt it writes (for the editor's redraws).
 */
export interface LineEditing {
  complete(prefix: string, max: number): string[];
  prompt(): string;
}

/** What the client's telnet said of its terminal; the channel has one once the client speaks telnet or was asked to. */
export interface TerminalState {
  window: WindowSize | null;
  /** TERMINAL-TYPE's answer, lower case (`xterm-256color`), if it gave one. */
  type: string | null;
  /** We echo and the client sends each key (WILL ECHO, SUPPRESS-GO-AHEAD agreed). */
  characterMode: boolean;
}

/**
 * Output queued beyond which the channel stops reading. A streaming reply
 * keeps its queue under one batch plus the socket's high-water mark, so only
 * a client that piles up telnet answers without reading ever gets here.
 */
export const MAX_QUEUED_OUTPUT_BYTES = 256 * 1024;

/**
 * After a read this large, the channel reads again only on the next turn of
 * the event loop: libuv would otherwise read a busy socket up to 32 times in
 * a row, and a client flooding commands would take the loop for 2 MB at a time.
 */
const FAIR_READ_BYTES = 16 * 1024;

/**
 * A closed session's socket waits for the client's own close, reading and
 * dropping what it still sends (a lingering close, as web servers do): while
 * unread input sits in our socket, closing it would send a reset, and the
 * reset makes the client's system discard our last lines unread. It is cut
 * off once the client has been quiet this long, or this long after the close
 * at most.
 */
const CLOSE_LINGER_QUIET_MS = 5000;
const CLOSE_LINGER_MAX_MS = 30_000;
/** While lingering, one read at most this often: a client that keeps sending gets TCP's push-back, not our CPU. */
const CLOSE_LINGER_READ_INTERVAL_MS = 100;

/** How long after a long reply a Ctrl-C still counts as stopping it: a base, plus time per MB sent. */
const LATE_INTERRUPT_BASE_MS = 2000;
const LATE_INTERRUPT_MS_PER_MB = 2000;
/** Replies up to this size are on the screen by the time a person could press Ctrl-C. */
const LATE_INTERRUPT_MIN_BYTES = 64 * 1024;

/** Shared by every channel with no editor events waiting: an idle connection holds no array of its own. */
const NO_EDITOR_EVENTS: readonly EditorEvent[] = [];

const LF = 0x0a;
const CR = 0x0d;
const CTRL_C = 0x03;

const ARE_YOU_THERE_ANSWER = `[charfinder: yes]${CRLF}`;

/** How long a reply waits for the window size and terminal type just asked for (a telnet on the same continent answers in a few ms). */
const TERMINAL_ANSWER_WAIT_MS = 500;

export class Channel {
  private readonly telnet = new TelnetFilter();
  private splitter: LineSplitter;
  /** Telnet-filtered bytes not yet split into lines. */
  private received: Buffer[] = [];
  private receivedBytes = 0;
  /** Inputs split off and not yet handed up. */
  private inputs: Input[] = [];
  private inputHead = 0;
  private clientEnded = false;
  private finished = false;
  private closedFlag = false;
  /** The conversation waiting in next(): handed the next input as soon as there is one. */
  private reader: ((input: Input | null) => void) | null = null;
  private wakeWriter: (() => void) | null = null;

  /** When the last line arrived or was answered: the idle timeout counts from here. */
  private lastActivityAt = performance.now();
  /** When the reader first waited on a line begun but not ended: the line deadline counts from here. */
  private partialLineSince: number | null = null;
  private waitingForInput = false;

  /** Bytes handed to the socket so far; less what it still queues, that is what the kernel took. */
  private written = 0;
  /** Since when the queued output has not moved, and how far it had got then. */
  private stall: { flushed: number; since: number } | null = null;

  /** The reply going out (see the streamer): a Ctrl-C then stops it rather than ending the session. */
  private replying = false;
  private interruptPending = false;
  private timingMarkOwed = false;
  /** The last reply's size, and when it ended if it was long (only a long one's end is ever asked). */
  private lastReplyBytes = 0;
  private lastReplyEndedAt = 0;
  /** Telnet command bytes since the last line end: they count towards maxUnterminatedBytes like line bytes. */
  private commandBytes = 0;
  /** Set once the client sent too much without a line end: nothing more is read. */
  private stoppedReading = false;
  /** Set once our side is closed: what the client still sends is read and dropped. */
  private lingering = false;
  /** Set after a large read, until the next turn: everyone else reads first. */
  private yieldingTurn = false;
  /** Set while the conversation shows a pager line: Ctrl-C then stops the paging, not the session. */
  pagerWaiting = false;
  /** Waiting in terminalAnswered(): woken by every read. */
  private terminalWaiters: (() => void)[] | null = null;
  /** In character mode: the line being typed, edited here (lineEditor.ts); null in line mode. */
  private editor: LineEditor | null = null;
  /** The editor's events after a line, kept until that line is answered: keys typed ahead echo after the reply. */
  private editorEvents: readonly EditorEvent[] = NO_EDITOR_EVENTS;
  /** Keys at a pager line (Enter, space, q); made when first needed (an idle connection costs no decoder). */
  private pagerKeys: KeyDecoder | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly limits: Limits,
    private readonly log: Log,
    /** How the log names this connection: `#12 127.0.0.1:50000`. */
    private readonly label: string,
    /** With it, a telnet client is offered character mode, and its lines are edited here. */
    private readonly editing: LineEditing | null = null,
  ) {
    this.splitter = new LineSplitter(limits);
    // A client that speaks telnet is asked about its terminal at once (and never one that does not).
    this.telnet.offerTerminalOnCommand(editing !== null);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => {
      this.clientEnded = true;
      this.wake();
    });
    socket.on('drain', () => {
      this.updateReading();
      this.wake();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => log.connection(`${label} socket error: ${error.code ?? error.message}`));
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The client's terminal, once it has spoken telnet (or was asked by offerTerminal); null for nc and programs. */
  get terminal(): TerminalState | null {
    const { telnet } = this;
    if (!telnet.speaksTelnet) return null;
    return { window: telnet.window, type: telnet.terminalType, characterMode: telnet.characterMode };
  }

  /**
   * Resolves once the client has said what we asked of its terminal (or
   * refused), or after TERMINAL_ANSWER_WAIT_MS: a reply laid out before the
   * window size arrives would be laid out for 80×24.
   */
  async terminalAnswered(): Promise<void> {
    const deadline = performance.now() + TERMINAL_ANSWER_WAIT_MS;
    while (this.telnet.negotiating && !this.closedFlag && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - performance.now()));
        (this.terminalWaiters ??= []).push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Asks the client for its window size and terminal type (`/t`): telnet bytes, sent only when the person asks. */
  offerTerminal(): void {
    this.write(this.telnet.offerTerminal(this.editing !== null));
  }

  /** Back to line mode (`/terminal off`): the client echoes and sends whole lines again. */
  endCharacterMode(): void {
    this.write(this.telnet.endCharacterMode());
    this.editor = null;
  }

  /** Keeps the editor in step with the mode the client agreed to. */
  private followCharacterMode(): void {
    if (this.telnet.characterMode && this.editor === null && this.editing !== null) {
      const { editing } = this;
      this.editor = new LineEditor({
        get prompt() {
          return editing.prompt();
        },
        columns: () => this.telnet.window?.columns ?? 80,
        complete: (prefix, max) => editing.complete(prefix, max),
      });
      this.editorEvents = NO_EDITOR_EVENTS;
      // A line half split before the switch is the client's to retype: the editor starts empty.
      this.splitter = new LineSplitter(this.limits);
    } else if (!this.telnet.characterMode && this.editor !== null) {
      this.editor = null;
      this.editorEvents = NO_EDITOR_EVENTS;
    }
  }

  /**
   * The next line or event; null once the client has sent its last line and it was handed up.
   * A waiting reader is handed its input by whatever brings it (wake), not woken to look for it.
   */
  next(): Promise<Input | null> {
    const ready = this.poll();
    if (ready !== undefined) return Promise.resolve(ready);
    this.waitingForInput = true;
    return new Promise((resolve) => (this.reader = resolve));
  }

  /** The next input, null at the end, or undefined when there is none yet. */
  private poll(): Input | null | undefined {
    const input = this.nextInput();
    if (input) return input;
    if (this.finished) return null;
    if (this.closedFlag || (this.clientEnded && this.received.length === 0)) {
      this.finished = true;
      return this.splitter.end()[0] ?? null;
    }
    if (this.splitter.hasPartialLine) this.partialLineSince ??= performance.now();
    return undefined;
  }

  /** True when more input is already here: the conversation then yields a turn before the next, so a pipelining client takes turns with everyone else. */
  get hasPendingInput(): boolean {
    return this.inputHead < this.inputs.length || this.received.length > 0;
  }

  /** A line was answered: the idle timeout counts from now. */
  touch(): void {
    this.lastActivityAt = performance.now();
  }

  private nextInput(): Input | undefined {
    while (this.inputHead === this.inputs.length) {
      if (this.editor && this.editorEvents.length > 0) {
        const events = this.editorEvents;
        this.editorEvents = NO_EDITOR_EVENTS;
        this.inputs = this.handleEditorEvents(events);
        this.inputHead = 0;
        continue;
      }
      const chunk = this.received.shift();
      if (!chunk) return undefined;
      if (this.editor) {
        this.receivedBytes -= chunk.length;
        this.inputs = this.pagerWaiting ? this.pagerInput(chunk) : this.handleEditorEvents(this.editor.push(chunk));
        this.inputHead = 0;
        this.updateReading();
        continue;
      }
      this.inputs = this.splitter.push(chunk, this.limits.maxQueuedLines);
      this.inputHead = 0;
      const consumed = this.splitter.stoppedAt;
      this.receivedBytes -= consumed;
      // Lines beyond the limit stay unsplit, at the front of the queue.
      if (consumed < chunk.length) this.received.unshift(chunk.subarray(consumed));
      this.updateReading();
    }
    this.partialLineSince = null;
    this.lastActivityAt = performance.now();
    return this.inputs[this.inputHead++];
  }

  /**
   * The editor's events, up to and with the first that is an input (a line,
   * Ctrl-D): its echo goes out now; what follows waits until that input is
   * answered. Ctrl-C at the prompt clears the line and gives a fresh prompt.
   */
  private handleEditorEvents(events: readonly EditorEvent[]): Input[] {
    for (let k = 0; k < events.length; k++) {
      const event = events[k];
      let input: Input | null = null;
      if (event.kind === 'output') this.write(event.text);
      else if (event.kind === 'interrupt') this.write(this.editing!.prompt());
      else if (event.kind === 'line') input = { kind: 'line', text: event.text };
      else input = { kind: 'end-of-transmission' };
      if (input) {
        this.editorEvents = events.slice(k + 1);
        return [input];
      }
    }
    return [];
  }

  /**
   * Keys at a pager line: Enter, space or Down for the next page; q stops
   * (Ctrl-C stops it as it arrives). Anything else typed stops the paging
   * too and begins the next line: a person who starts typing a new query
   * at the pager gets it, not a page.
   */
  private pagerInput(chunk: Buffer): Input[] {
    this.pagerKeys ??= new KeyDecoder();
    const keys = this.pagerKeys.push(chunk);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (key.kind === 'text') {
        if (key.text.startsWith(' ')) return [{ kind: 'line', text: '' }];
        if (/^[qQ]/.test(key.text)) return [{ kind: 'stop-paging' }];
        // The text typed from here on goes to the editor once the paging has stopped.
        const typed = keys.slice(k).map((next) => (next.kind === 'text' ? next.text : next.name === 'enter' ? '\r' : '')).join('');
        this.received.unshift(Buffer.from(typed, 'utf8'));
        this.receivedBytes += Buffer.byteLength(typed);
        return [{ kind: 'stop-paging' }];
      } else if (key.name === 'enter' || key.name === 'down') return [{ kind: 'line', text: '' }];
      else if (key.name === 'interrupt' || key.name === 'end-of-input') return [{ kind: 'stop-paging' }];
    }
    return [];
  }

  /** Puts an event ahead of any pending input, drops the rest, and wakes the reader. */
  interject(kind: 'idle' | 'line-deadline' | 'shutdown'): void {
    this.replaceInputs({ kind });
  }

  private replaceInputs(input: Input): void {
    this.dropTypedAhead();
    this.inputs = [input];
    this.wake();
  }

  get isWaitingForInput(): boolean {
    return this.waitingForInput;
  }

  private dropTypedAhead(): void {
    this.received = [];
    this.receivedBytes = 0;
    this.inputs = [];
    this.inputHead = 0;
    this.editorEvents = NO_EDITOR_EVENTS;
    this.updateReading();
  }

  private onData(chunk: Buffer): void {
    if (this.lingering) {
      // Dropped; the next read waits a while (see CLOSE_LINGER_READ_INTERVAL_MS).
      this.socket.pause();
      setTimeout(() => this.socket.resume(), CLOSE_LINGER_READ_INTERVAL_MS).unref();
      return;
    }
    if (this.stoppedReading) return;
    if (chunk.length >= FAIR_READ_BYTES) {
      this.yieldingTurn = true;
      setImmediate(() => {
        this.yieldingTurn = false;
        this.updateReading();
      });
    }
    const { data: received, reply: negotiation, events, terminalChanged } = this.telnet.push(chunk);
    if (this.terminalWaiters) for (const wake of this.terminalWaiters.splice(0)) wake();
    if (terminalChanged) this.followCharacterMode();
    let data = received;
    // In character mode Ctrl-C is a byte: during a reply or at a pager line it acts at once, as telnet's IP does.
    if (this.editor && (this.replying || this.pagerWaiting) && data.includes(CTRL_C)) {
      data = data.subarray(data.lastIndexOf(CTRL_C) + 1);
      this.onTelnetCommand('interrupt');
    }
    // Commands are bytes without a line end too: a client that sends nothing else is a runaway like one endless line.
    // Only a client that has sent commands needs its line ends looked for: plain text costs no extra scan.
    if (this.commandBytes > 0 && data.length > 0 && (data.includes(LF) || data.includes(CR))) this.commandBytes = 0;
    this.commandBytes += chunk.length - data.length;
    if (this.commandBytes >= this.limits.maxUnterminatedBytes) {
      this.stoppedReading = true;
      this.socket.pause();
      this.replaceInputs({ kind: 'runaway', bytes: this.limits.maxUnterminatedBytes });
      return;
    }
    if (negotiation) this.write(negotiation);
    if (data.length > 0) {
      this.received.push(data);
      this.receivedBytes += data.length;
    }
    // One answer per kind of command per read (the filter reports each kind once): a read full of AYTs gets one "yes", not thousands.
    for (const event of events) this.onTelnetCommand(event);
    this.updateReading();
    this.wake();
  }

  private onTelnetCommand(event: TelnetEvent): void {
    switch (event) {
      case 'interrupt':
        // Ctrl-C flushes what was typed ahead, then stops a reply or ends the session.
        this.dropTypedAhead();
        this.splitter = new LineSplitter(this.limits);
        if (this.replying) this.interruptPending = true;
        else if (this.pagerWaiting) this.inputs.push({ kind: 'stop-paging' });
        else this.inputs.push({ kind: this.replyMayStillBeShowing() ? 'late-interrupt' : 'interrupt' });
        break;
      case 'timing-mark':
        // The client hides our output until this answer; it must follow the end of the stopped reply.
        if (this.replying && this.interruptPending) this.timingMarkOwed = true;
        else this.write(WILL_TIMING_MARK);
        break;
      case 'are-you-there':
        this.write(ARE_YOU_THERE_ANSWER);
        break;
    }
  }

  /**
   * Reads while there is room on both sides: input queued under its bound
   * (beyond it, input waits in the kernel and TCP slows the client down), and
   * output queued under its bound (a client that reads nothing stops being read).
   */
  private updateReading(): void {
    if (this.closedFlag || this.stoppedReading) return;
    const room = !this.yieldingTurn && this.receivedBytes < this.limits.maxQueuedInputBytes && this.socket.writableLength < MAX_QUEUED_OUTPUT_BYTES;
    if (room && this.socket.isPaused()) this.socket.resume();
    else if (!room && !this.socket.isPaused()) this.socket.pause();
  }

  private wake(): void {
    const { reader } = this;
    if (reader) {
      const ready = this.poll();
      if (ready !== undefined) {
        this.reader = null;
        this.waitingForInput = false;
        reader(ready);
      }
    }
    const writer = this.wakeWriter;
    this.wakeWriter = null;
    writer?.();
  }

  /** Writes without waiting (the bytes leave at the end of this turn: turnWrites.ts); false when the socket's queue is over its high-water mark. */
  write(data: string | Buffer): boolean {
    if (this.closedFlag) return false;
    this.written += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    return writeInTurn(this.socket, data);
  }

  /** Writes; while the socket's queue is over its high-water mark, returns a promise of its drain (else nothing to wait for). */
  send(data: string | Buffer): Promise<void> | undefined {
    return this.write(data) ? undefined : this.drained();
  }

  async drained(): Promise<void> {
    while (!this.closedFlag && this.socket.writableNeedDrain) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    }
  }

  /** A reply starts going out: until it ends, Ctrl-C stops it. */
  beginReply(): void {
    this.replying = true;
    this.interruptPending = false;
  }

  /** True once Ctrl-C arrived during the reply. */
  get interruptRequested(): boolean {
    return this.interruptPending;
  }

  endReply(bytes: number): void {
    this.replying = false;
    this.lastReplyBytes = bytes;
    if (bytes > LATE_INTERRUPT_MIN_BYTES) this.lastReplyEndedAt = performance.now();
  }

  /**
   * After a reply stopped by Ctrl-C: the timing mark the client waits for
   * goes out now, so that what follows (the status line) is shown.
   */
  acknowledgeInterrupt(): void {
    this.interruptPending = false;
    if (this.timingMarkOwed) this.write(WILL_TIMING_MARK);
    this.timingMarkOwed = false;
  }

  /**
   * True while a long reply may still be on its way to the client's screen:
   * it left our socket, but kernel buffers and the terminal take a while.
   * A Ctrl-C then is aimed at the reply, not at the session.
   */
  private replyMayStillBeShowing(): boolean {
    const bytes = this.lastReplyBytes;
    if (bytes <= LATE_INTERRUPT_MIN_BYTES) return false;
    return performance.now() - this.lastReplyEndedAt < LATE_INTERRUPT_BASE_MS + (bytes / 1_048_576) * LATE_INTERRUPT_MS_PER_MB;
  }

  /**
   * Called about once a second by the server (more often when limits are
   * short): the write stall at any time, the idle timeout and the line
   * deadline while waiting for input. Returns what it did, if anything.
   */
  checkDeadlines(now: number): 'dropped' | 'idle' | 'line-deadline' | null {
    const { idleTimeoutMs, lineDeadlineMs, writeStallTimeoutMs } = this.limits;
    const queued = this.socket.writableLength;
    if (queued === 0) this.stall = null;
    else {
      const flushed = this.written - queued;
      if (this.stall === null || flushed > this.stall.flushed) this.stall = { flushed, since: now };
      else if (now - this.stall.since >= writeStallTimeoutMs) {
        // It reads nothing, so a goodbye would never arrive: just drop it.
        this.log.connection(`${this.label} read nothing of ${queued} queued bytes for ${writeStallTimeoutMs / 1000} s: dropped`);
        this.socket.destroy();
        return 'dropped';
      }
    }
    if (!this.waitingForInput) return null;
    if (this.partialLineSince !== null && now - this.partialLineSince >= lineDeadlineMs) {
      this.interject('line-deadline');
      return 'line-deadline';
    }
    if (this.partialLineSince === null && now - this.lastActivityAt >= idleTimeoutMs) {
      this.interject('idle');
      return 'idle';
    }
    return null;
  }

  /** Bytes read from the client so far, telnet commands included. */
  get receivedTotal(): number {
    return this.socket.bytesRead;
  }

  /** Output written but not yet taken by the kernel. */
  get pendingOutputBytes(): number {
    return this.socket.writableLength;
  }

  /** Input received but not yet split into lines: bounded by maxQueuedInputBytes plus one read. */
  get pendingInputBytes(): number {
    return this.receivedBytes;
  }

  /** Ends the connection now: with a last line when given one, else at once. */
  terminate(lastLine?: string): void {
    if (this.closedFlag) return;
    if (lastLine === undefined) {
      this.socket.destroy();
      return;
    }
    this.socket.end(lastLine);
    setTimeout(() => this.socket.destroy(), 500).unref();
  }

  /**
   * Ends our side and returns once everything we sent is with the kernel. The
   * socket itself closes when the client ends its side too: closing it before
   * could reset the connection and lose our last lines (the client may have
   * sent more than we read). A client that never does is cut off after a while.
   */
  async close(): Promise<void> {
    if (this.closedFlag) return;
    this.lingering = true;
    this.stoppedReading = true;
    this.socket.resume();
    await new Promise<void>((resolve) => {
      let quiet = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_QUIET_MS);
      const cutOff = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_MAX_MS);
      this.socket.on('data', () => {
        clearTimeout(quiet);
        quiet = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_QUIET_MS);
      });
      // Cleared at once on close: a pending timer would keep the whole session alive for its duration.
      this.socket.once('close', () => {
        clearTimeout(quiet);
        clearTimeout(cutOff);
        resolve();
      });
      this.socket.once('finish', () => resolve());
      this.socket.end();
    });
  }
}
