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
export const TIMING_MARK = 0x06;

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

  /** True once the client agreed to send us 8-bit bytes as they are. */
  get receivesBinary(): boolean {
    return this.clientBinary === 'yes';
  }

  /** True once we agreed to send the client 8-bit bytes as they are. */
  get sendsBinary(): boolean {
    return this.serverBinary === 'yes';
  }

  push(chunk: Buffer): TelnetInput {
    // The common case, plain text, costs one scan and no copy.
    if (this.state === State.Data && chunk.indexOf(IAC) < 0) {
      this.trackUtf8(chunk);
      return { data: chunk, reply: null, events: NO_EVENTS };
    }

    const data = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    const reply: number[] = [];
    const events: TelnetEvent[] = [];
    this.answered.clear();
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
          // Skipped whole, never stored: an SB that never ends costs a scan.
          const next = chunk.indexOf(IAC, at - 1);
          if (next < 0) at = chunk.length;
          else {
            at = next + 1;
            this.state = State.SubnegotiationCommand;
          }
          break;
        }
        case State.SubnegotiationCommand:
          this.state = byte === SE ? State.Data : State.Subnegotiation;
          break;
      }
    }
    return { data: data.subarray(0, length), reply: reply.length ? Buffer.from(reply) : null, events };
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
    if (!this.spokeTelnet) {
      this.spokeTelnet = true;
      this.clientBinary = 'asked';
      reply.push(IAC, DO, BINARY);
    }
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
