/**
 * Telnet (RFC 854) on the input side: byte 0xFF (IAC) starts a command that is
 * never query text. Subnegotiations are skipped whole; the state survives
 * across packets, so a sequence may be split anywhere.
 *
 * We never speak first: a client that sends no telnet command (nc, scripts)
 * never receives a telnet byte. Once the client has sent one, we ask it for
 * BINARY in its direction (IAC DO BINARY), because until then netkit telnet
 * masks each typed byte to 7 bits when looking for its control keys: UTF-8
 * continuation bytes 0x83, 0x8F, 0x9A and 0x9C leave it as IAC IP, AO, SUSP
 * and BRK (each followed by IAC DO TIMING-MARK), so `я` (d1 8f) arrived as
 * "d1, Abort Output". Until BINARY is agreed we take such a command back as
 * its byte when it falls inside a UTF-8 sequence (a real Ctrl-C never does:
 * the terminal sends it alone), and answer the timing mark that follows it
 * ourselves. We accept BINARY in our direction if asked; every other option is
 * refused (RFC 1123), and no mode we are already in is acknowledged (RFC 854).
 *
 * A terminal (see `offerTerminal`): with the BINARY request, or when the
 * person types `/t`, we ask for the window size (NAWS, RFC 1073) and the
 * terminal type (TERMINAL-TYPE, RFC 1091), and may offer character mode (we
 * echo and suppress go-ahead: WILL ECHO, WILL SUPPRESS-GO-AHEAD, RFC 857/858).
 * What the client reports is kept here (`window`, `terminalType`,
 * `characterMode`); a push that changed any of it says so (`terminalChanged`).
 *
 * Measured with netkit telnet 0.17 (Debian) on a port other than 23, before
 * BINARY: 0x85 (Ctrl-E, its echo toggle) and 0x9D (Ctrl-], its escape) are
 * swallowed by the client and never sent, so nothing here can recover them;
 * Enter is CR LF. After BINARY: every byte arrives as typed; Enter is a bare LF.
 */

export const IAC = 0xff;
const DONT = 0xfe;
const DO = 0xfd;
const WONT = 0xfc;
const WILL = 0xfb;
const SB = 0xfa;
const AYT = 0xf6;
const AO = 0xf5;
const IP = 0xf4;
const BRK = 0xf3;
const SE = 0xf0;
const ABORT = 0xee;
const SUSP = 0xed;
export const BINARY = 0x00;
const ECHO = 0x01;
const SUPPRESS_GO_AHEAD = 0x03;
export const TIMING_MARK = 0x06;
const TERMINAL_TYPE = 0x18;
const NAWS = 0x1f;
/** TERMINAL-TYPE's subnegotiation verbs (RFC 1091). */
const IS = 0x00;
const SEND = 0x01;
/** Longer subnegotiations are cut here: a NAWS is 5 bytes, a terminal type some 20. */
const MAX_SUBNEGOTIATION_BYTES = 64;
/** What a window size report is held to: 0 (unknown) and absurd sizes keep the last known. */
const MIN_COLUMNS = 20;
const MIN_ROWS = 4;
const MAX_WINDOW = 2000;

/** Sent once the output before a timing mark request has been dealt with (RFC 860). */
export const WILL_TIMING_MARK = Buffer.from([IAC, WILL, TIMING_MARK]);

/**
 * The byte netkit telnet sent each command for, when it masked a typed byte
 * to 7 bits: its default control key (Ctrl-C, Ctrl-O, Ctrl-\, Ctrl-Z) | 0x80.
 * EC and EL are not here: netkit leaves erase and kill to the terminal in line mode.
 */
const MASKED_BYTE: ReadonlyMap<number, number> = new Map([
  [IP, 0x83],
  [AO, 0x8f],
  [BRK, 0x9c],
  [ABORT, 0x9c],
  [SUSP, 0x9a],
]);

export type TelnetEvent =
  /** Interrupt Process (Ctrl-C), Abort Output, Abort or Break. */
  | 'interrupt'
  /** IAC DO TIMING-MARK: the client hides output until we answer WILL TIMING-MARK. */
  | 'timing-mark'
  /** Are You There. */
  | 'are-you-there';

/** Shared by every read without commands: nothing to allocate for plain text. */
const NO_EVENTS: readonly TelnetEvent[] = [];

export interface TelnetInput {
  /** The bytes that are data, commands removed. */
  data: Buffer;
  /** Negotiation answers to send back at once. */
  reply: Buffer | null;
  /** Commands for the session, in the order received, each kind once. */
  events: readonly TelnetEvent[];
  /** The window size, terminal type or character mode changed in this push. */
  terminalChanged: boolean;
}

/** A window as NAWS reports it. */
export interface WindowSize {
  columns: number;
  rows: number;
}

const enum State {
  Data,
  Command,
  Option,
  Subnegotiation,
  SubnegotiationCommand,
}

/** One direction of BINARY, in the manner of RFC 1143 (without its queue: we ask once). */
type OptionState = 'no' | 'asked' | 'yes';

export class TelnetFilter {
  private state = State.Data;
  private verb = 0;
  /** The client has sent a telnet command: from then on we may negotiate. */
  private spokeTelnet = false;
  /** BINARY from the client to us (its WILL, our DO). */
  private clientBinary: OptionState = 'no';
  /** BINARY from us to the client (our WILL, its DO). */
  private serverBinary: OptionState = 'no';
  /** Continuation bytes the UTF-8 sequence in the data still awaits. */
  private awaitedContinuations = 0;
  /** A masked byte was just recovered: the DO TIMING-MARK netkit sends after it is ours to answer. */
  private maskedTimingMarkDue = false;
  /** The answers given during the current push. */
  private readonly answered = new Set<number>();
  /** What we asked of the terminal, and what it agreed (our DO NAWS / DO TERMINAL-TYPE, our WILL ECHO / WILL SGA). */
  private naws: OptionState = 'no';
  private terminalTypeOption: OptionState = 'no';
  private echo: OptionState = 'no';
  private suppressGoAhead: OptionState = 'no';
  /** Whether the first command also opens the terminal negotiation, and with character mode. */
  private terminalOnCommand: { characterMode: boolean } | null = null;
  /** Options the client refused when we asked, one bit each (all are below 32): not asked again (RFC 1143 asks once). */
  private refusedOptions = 0;
  /** The subnegotiation being read, bounded. */
  private subnegotiation: number[] | null = null;
  private changed = false;
  private windowSize: WindowSize | null = null;
  private typeName: string | null = null;

  /** True once the client agreed to send us 8-bit bytes as they are. */
  get receivesBinary(): boolean {
    return this.clientBinary === 'yes';
  }

  /** True once we agreed to send the client 8-bit bytes as they are. */
  get sendsBinary(): boolean {
    return this.serverBinary === 'yes';
  }

  /** The window size the client last reported (NAWS), if any. */
  get window(): WindowSize | null {
    return this.windowSize;
  }

  /** The terminal type the client reported (TERMINAL-TYPE), lower case, if any. */
  get terminalType(): string | null {
    return this.typeName;
  }

  /** True while the client has agreed to let us echo, character by character (ECHO and SUPPRESS-GO-AHEAD). */
  get characterMode(): boolean {
    return this.echo === 'yes' && this.suppressGoAhead === 'yes';
  }

  /** True while a window size or terminal type we asked for has not come (nor been refused). */
  get negotiating(): boolean {
    const awaited = (option: OptionState, report: unknown) => option === 'asked' || (option === 'yes' && report === null);
    return awaited(this.naws, this.windowSize) || awaited(this.terminalTypeOption, this.typeName);
  }

  /** True once the client has sent a telnet command. */
  get speaksTelnet(): boolean {
    return this.spokeTelnet;
  }

  /**
   * Asks the client for its window size and terminal type (and BINARY, if not
   * yet asked), and with `characterMode` offers to echo. Returns the bytes to
   * send; options already asked are not asked again.
   */
  offerTerminal(characterMode: boolean): Buffer {
    const reply: number[] = [];
    if (this.clientBinary === 'no' && !this.spokeTelnet) {
      this.clientBinary = 'asked';
      reply.push(IAC, DO, BINARY);
    }
    this.spokeTelnet = true;
    if (this.naws === 'no' && !(this.refusedOptions & (1 << NAWS))) {
      this.naws = 'asked';
      reply.push(IAC, DO, NAWS);
    }
    if (this.terminalTypeOption === 'no' && !(this.refusedOptions & (1 << TERMINAL_TYPE))) {
      this.terminalTypeOption = 'asked';
      reply.push(IAC, DO, TERMINAL_TYPE);
    }
    if (characterMode) {
      if (this.echo === 'no' && !(this.refusedOptions & (1 << ECHO))) {
        this.echo = 'asked';
        reply.push(IAC, WILL, ECHO);
      }
      if (this.suppressGoAhead === 'no' && !(this.refusedOptions & (1 << SUPPRESS_GO_AHEAD))) {
        this.suppressGoAhead = 'asked';
        reply.push(IAC, WILL, SUPPRESS_GO_AHEAD);
      }
    }
    return Buffer.from(reply);
  }

  /** From now on, the client's first telnet command also opens the terminal negotiation (see offerTerminal). */
  offerTerminalOnCommand(characterMode: boolean): void {
    this.terminalOnCommand = { characterMode };
  }

  /** Gives back character mode: the client echoes again and sends lines (WONT ECHO, WONT SGA). */
  endCharacterMode(): Buffer {
    const reply: number[] = [];
    if (this.echo !== 'no') reply.push(IAC, WONT, ECHO);
    if (this.suppressGoAhead !== 'no') reply.push(IAC, WONT, SUPPRESS_GO_AHEAD);
    this.echo = 'no';
    this.suppressGoAhead = 'no';
    return Buffer.from(reply);
  }

  push(chunk: Buffer): TelnetInput {
    // The common case, plain text, costs one scan and no copy.
    if (this.state === State.Data && chunk.indexOf(IAC) < 0) {
      this.trackUtf8(chunk);
      return { data: chunk, reply: null, events: NO_EVENTS, terminalChanged: false };
    }

    const data = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    const reply: number[] = [];
    const events: TelnetEvent[] = [];
    this.answered.clear();
    this.changed = false;
    let at = 0;
    while (at < chunk.length) {
      if (this.state === State.Data) {
        // Text runs between commands are copied whole: a flood of commands, or of text, costs a scan, not a step per byte.
        const next = chunk[at] === IAC ? at : chunk.indexOf(IAC, at);
        const runEnd = next < 0 ? chunk.length : next;
        if (runEnd > at) {
          chunk.copy(data, length, at, runEnd);
          length += runEnd - at;
          this.trackUtf8(chunk.subarray(at, runEnd));
        }
        if (next < 0) break;
        this.state = State.Command;
        at = next + 1;
        continue;
      }
      const byte = chunk[at++];
      switch (this.state) {
        case State.Command:
          this.state = State.Data;
          if (byte === IAC) {
            data[length++] = IAC; // IAC IAC is a literal 0xFF
            this.trackUtf8Byte(IAC);
            break;
          }
          if (!this.spokeTelnet) this.heardCommand(reply);
          if (byte === DO || byte === DONT || byte === WILL || byte === WONT) {
            this.verb = byte;
            this.state = State.Option;
          } else if (byte === SB) this.state = State.Subnegotiation;
          else if (byte === AYT) once(events, 'are-you-there');
          else if (this.awaitedContinuations > 0 && this.clientBinary !== 'yes' && MASKED_BYTE.has(byte)) {
            data[length++] = MASKED_BYTE.get(byte)!;
            this.awaitedContinuations--;
            this.maskedTimingMarkDue = true;
          } else if (byte === IP || byte === AO || byte === BRK || byte === ABORT) once(events, 'interrupt');
          // NOP, DM, GA, EC, EL, SUSP, SE out of place: nothing to do
          break;
        case State.Option:
          this.state = State.Data;
          this.negotiate(this.verb, byte, reply, events);
          break;
        case State.Subnegotiation: {
          // Kept up to its bound, the rest skipped: an SB that never ends costs a scan.
          const next = chunk.indexOf(IAC, at - 1);
          const end = next < 0 ? chunk.length : next;
          this.keepSubnegotiation(chunk, at - 1, end);
          at = next < 0 ? chunk.length : next + 1;
          if (next >= 0) this.state = State.SubnegotiationCommand;
          break;
        }
        case State.SubnegotiationCommand:
          if (byte === SE) {
            this.state = State.Data;
            this.endSubnegotiation();
          } else {
            // IAC IAC is a 255 of the subnegotiation's data (a window 255 wide); anything else is not ours to read.
            if (byte === IAC) this.keepSubnegotiation(chunk, at - 1, at);
            this.state = State.Subnegotiation;
          }
          break;
      }
    }
    return { data: data.subarray(0, length), reply: reply.length ? Buffer.from(reply) : null, events, terminalChanged: this.changed };
  }

  private keepSubnegotiation(chunk: Buffer, from: number, end: number): void {
    const kept = (this.subnegotiation ??= []);
    for (let k = from; k < end && kept.length < MAX_SUBNEGOTIATION_BYTES; k++) kept.push(chunk[k]);
  }

  /** A whole subnegotiation: a window size or a terminal type we asked for; anything else is dropped. */
  private endSubnegotiation(): void {
    const [option, ...rest] = this.subnegotiation ?? [];
    this.subnegotiation = null;
    if (option === NAWS && this.naws === 'yes' && rest.length >= 4) {
      const columns = (rest[0] << 8) | rest[1];
      const rows = (rest[2] << 8) | rest[3];
      if (columns < MIN_COLUMNS || rows < MIN_ROWS || columns > MAX_WINDOW || rows > MAX_WINDOW) return;
      if (this.windowSize?.columns === columns && this.windowSize.rows === rows) return;
      this.windowSize = { columns, rows };
      this.changed = true;
    } else if (option === TERMINAL_TYPE && this.terminalTypeOption === 'yes' && rest[0] === IS) {
      const name = Buffer.from(rest.slice(1)).toString('latin1').toLowerCase();
      if (!/^[\x21-\x7e]{1,40}$/.test(name) || name === this.typeName) return;
      this.typeName = name;
      this.changed = true;
    }
  }

  /**
   * Pushes a 3-byte answer unless this read has already given the same one:
   * a read full of repeated requests gets one answer each, not thousands
   * (a client repeating a request it was answered is not owed another, RFC 854).
   */
  private answer(reply: number[], verb: number, option: number): void {
    const key = (verb << 8) | option;
    if (this.answered.has(key)) return;
    this.answered.add(key);
    reply.push(IAC, verb, option);
  }

  /** Any command but IAC IAC: the first one opens the negotiation. */
  private heardCommand(reply: number[]): void {
    if (this.spokeTelnet) return;
    this.spokeTelnet = true;
    if (this.clientBinary === 'no') {
      this.clientBinary = 'asked';
      reply.push(IAC, DO, BINARY);
    }
    if (this.terminalOnCommand) reply.push(...this.offerTerminal(this.terminalOnCommand.characterMode));
  }

  /**
   * An option we asked for, or may be offered: `asked` becomes the answer
   * (no reply, RFC 854); an offer we would accept is accepted; a change of a
   * mode we are in is acknowledged once. Returns the state it is in now.
   */
  private agree(current: OptionState, wanted: boolean, acceptOffer: boolean, reply: number[], yes: number, no: number, option: number): OptionState {
    if (current === 'asked') {
      if (!wanted) this.refusedOptions |= 1 << option;
      return wanted ? 'yes' : 'no';
    }
    if (wanted === (current === 'yes')) return current;
    if (wanted && !acceptOffer) {
      this.answer(reply, no, option);
      return current;
    }
    this.answer(reply, wanted ? yes : no, option);
    return wanted ? 'yes' : 'no';
  }

  private negotiate(verb: number, option: number, reply: number[], events: TelnetEvent[]): void {
    const maskedTimingMark = this.maskedTimingMarkDue;
    this.maskedTimingMarkDue = false;
    if (option === TIMING_MARK && verb === DO) {
      if (maskedTimingMark) this.answer(reply, WILL, TIMING_MARK);
      else once(events, 'timing-mark');
    } else if (option === BINARY && (verb === WILL || verb === WONT)) {
      const wanted = verb === WILL;
      // An answer to our DO, or a mode we are in already: nothing to say (RFC 854).
      if (this.clientBinary !== 'asked' && wanted !== (this.clientBinary === 'yes')) reply.push(IAC, wanted ? DO : DONT, BINARY);
      this.clientBinary = wanted ? 'yes' : 'no';
    } else if (option === BINARY) {
      const wanted = verb === DO;
      if (wanted !== (this.serverBinary === 'yes')) reply.push(IAC, wanted ? WILL : WONT, BINARY);
      this.serverBinary = wanted ? 'yes' : 'no';
    } else if ((option === NAWS || option === TERMINAL_TYPE) && (verb === WILL || verb === WONT)) {
      // A terminal's reports: accepted whenever offered (PuTTY and others offer them at connect).
      const isNaws = option === NAWS;
      const before = isNaws ? this.naws : this.terminalTypeOption;
      const after = this.agree(before, verb === WILL, true, reply, DO, DONT, option);
      if (isNaws) this.naws = after;
      else this.terminalTypeOption = after;
      if (!isNaws && after === 'yes' && before !== 'yes') reply.push(IAC, SB, TERMINAL_TYPE, SEND, IAC, SE);
    } else if ((option === ECHO || option === SUPPRESS_GO_AHEAD) && (verb === DO || verb === DONT)) {
      // We echo only when we offered to (the line editor is then on): an unasked DO ECHO is refused.
      const wasCharacterMode = this.characterMode;
      if (option === ECHO) this.echo = this.agree(this.echo, verb === DO, false, reply, WILL, WONT, option);
      else this.suppressGoAhead = this.agree(this.suppressGoAhead, verb === DO, this.echo !== 'no', reply, WILL, WONT, option);
      if (this.characterMode !== wasCharacterMode) this.changed = true;
    } else if (verb === DO) this.answer(reply, WONT, option);
    else if (verb === WILL) this.answer(reply, DONT, option);
    // WONT and DONT of anything else confirm the state we are in already: answering would loop
  }

  /** The state after a chunk of data depends on its last 3 bytes only: a sequence left open began among them. */
  private trackUtf8(chunk: Buffer): void {
    this.maskedTimingMarkDue = false;
    if (this.clientBinary === 'yes') return;
    let from = 0;
    if (chunk.length >= 3) {
      this.awaitedContinuations = 0;
      from = chunk.length - 3;
    }
    for (let k = from; k < chunk.length; k++) this.trackUtf8Byte(chunk[k]);
  }

  private trackUtf8Byte(byte: number): void {
    this.maskedTimingMarkDue = false;
    if (this.awaitedContinuations > 0 && (byte & 0xc0) === 0x80) this.awaitedContinuations--;
    else this.awaitedContinuations = byte >= 0xf0 && byte <= 0xf4 ? 3 : byte >= 0xe0 && byte < 0xf0 ? 2 : byte >= 0xc2 && byte < 0xe0 ? 1 : 0;
  }
}

/** Each kind of command is reported once per read: the session acts on it once. */
function once(events: TelnetEvent[], event: TelnetEvent): void {
  if (!events.includes(event)) events.push(event);
}
