/**
 * Telnet (RFC 854) on the input side: byte 0xFF (IAC) starts a command that is
 * never query text. We take no options (RFC 1123: refuse DO with WONT and WILL
 * with DONT), skip subnegotiations whole, and report the commands a session
 * acts on. The state survives across packets, so a sequence may be split anywhere.
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
export const TIMING_MARK = 0x06;

/** Sent once the output before a timing mark request has been dealt with (RFC 860). */
export const WILL_TIMING_MARK = Buffer.from([IAC, WILL, TIMING_MARK]);

export type TelnetEvent =
  /** Interrupt Process (Ctrl-C), Abort Output or Break. */
  | 'interrupt'
  /** IAC DO TIMING-MARK: the client hides output until we answer WILL TIMING-MARK. */
  | 'timing-mark'
  /** Are You There. */
  | 'are-you-there';

export interface TelnetInput {
  /** The bytes that are data, commands removed. */
  data: Buffer;
  /** Negotiation answers to send back at once. */
  reply: Buffer | null;
  /** Commands for the session, in the order received. */
  events: TelnetEvent[];
}

const enum State {
  Data,
  Command,
  Option,
  Subnegotiation,
  SubnegotiationCommand,
}

export class TelnetFilter {
  private state = State.Data;
  private verb = 0;

  push(chunk: Buffer): TelnetInput {
    // The common case, plain text, costs one scan and no copy.
    if (this.state === State.Data && chunk.indexOf(IAC) < 0) return { data: chunk, reply: null, events: [] };

    const data = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    const reply: number[] = [];
    const events: TelnetEvent[] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case State.Data:
          if (byte === IAC) this.state = State.Command;
          else data[length++] = byte;
          break;
        case State.Command:
          this.state = State.Data;
          if (byte === IAC) data[length++] = IAC; // IAC IAC is a literal 0xFF
          else if (byte === DO || byte === DONT || byte === WILL || byte === WONT) {
            this.verb = byte;
            this.state = State.Option;
          } else if (byte === SB) this.state = State.Subnegotiation;
          else if (byte === IP || byte === AO || byte === BRK) events.push('interrupt');
          else if (byte === AYT) events.push('are-you-there');
          // NOP, DM, GA, EC, EL, SE out of place: nothing to do
          break;
        case State.Option:
          this.state = State.Data;
          if (this.verb === DO && byte === TIMING_MARK) events.push('timing-mark');
          else if (this.verb === DO) reply.push(IAC, WONT, byte);
          else if (this.verb === WILL) reply.push(IAC, DONT, byte);
          // WONT and DONT confirm the state we are in already: answering would loop
          break;
        case State.Subnegotiation:
          // Skipped byte by byte, never stored: an SB that never ends costs nothing.
          if (byte === IAC) this.state = State.SubnegotiationCommand;
          break;
        case State.SubnegotiationCommand:
          this.state = byte === SE ? State.Data : State.Subnegotiation;
          break;
      }
    }
    return { data: data.subarray(0, length), reply: reply.length ? Buffer.from(reply) : null, events };
  }
}
