/**
 * The one client of the line protocol for tests, the soak, the bench's
 * checks and deploy-check: sends bytes, reads until a condition (a reply is
 * read to its prompt), never hangs (every wait, the connect too, has a
 * deadline). The load generator's connections (bench-worker.ts) do not hold
 * replies at all and use the streaming detector of bench-protocol.ts instead.
 */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export const PROMPT = '?> ';

/** Time allowed for a connect before it counts as failed. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A wait's outer limit unless the caller sets one: generous, for a busy 2-core CI machine (a `gc:L` reply is 130,000 lines). */
const WAIT_TIMEOUT_MS = 30_000;

export interface ConnectOptions {
  host?: string;
  /** Connect from this loopback address (all of 127.0.0.0/8 is this machine), so many clients need not share one address and its cap. */
  localAddress?: string;
  /** Keep our side writable after the server ends its side (default true: tests read what comes after an error line). */
  allowHalfOpen?: boolean;
  timeoutMs?: number;
  /** Keep every byte for `all` (default true); false for long conversations (benches, the soak), which then hold only what is unread. */
  keepReceived?: boolean;
}

/**
 * A bare connected socket, for what is not a conversation (the soak's
 * attackers write floods and read nothing); rejects with the socket's error
 * or a timeout (code TIMEOUT).
 */
export function connectSocket(port: number, options: ConnectOptions = {}): Promise<Socket> {
  const { host = '127.0.0.1', localAddress, allowHalfOpen = true, timeoutMs = CONNECT_TIMEOUT_MS } = options;
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, localAddress, allowHalfOpen, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`connect to ${host}:${port} timed out after ${timeoutMs} ms`), { code: 'TIMEOUT' }));
    }, timeoutMs);
    const failed = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', failed);
      resolve(socket);
    });
  });
}

export class LineClient {
  private chunks: Buffer[] = [];
  private joined: Buffer | null = null;
  private readonly decoder = new StringDecoder('utf8');
  /** Everything received, decoded chunk by chunk; `consumed` pieces have been returned already. */
  private pieces: string[] = [];
  private consumed = 0;
  private waiter: (() => void) | null = null;
  ended = false;
  closed = false;

  private constructor(
    readonly socket: Socket,
    private readonly keepReceived: boolean,
  ) {
    socket.on('data', (chunk: Buffer) => {
      if (keepReceived) this.chunks.push(chunk);
      this.joined = null;
      this.pieces.push(this.decoder.write(chunk));
      this.waiter?.();
    });
    socket.on('end', () => {
      this.ended = true;
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => {});
  }

  /** Connects; rejects with the socket's error (ECONNREFUSED…) or a timeout (code TIMEOUT). */
  static async connect(port: number, options: ConnectOptions = {}): Promise<LineClient> {
    return new LineClient(await connectSocket(port, options), options.keepReceived ?? true);
  }

  /** Connects and reads the greeting up to the first prompt. */
  static async ready(port: number, options: ConnectOptions = {}): Promise<{ client: LineClient; greeting: string }> {
    const client = await LineClient.connect(port, options);
    try {
      const greeting = await client.untilPrompt(options.timeoutMs);
      return { client, greeting };
    } catch (error) {
      client.close();
      throw error;
    }
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Every byte received so far, consumed or not. */
  get all(): Buffer {
    this.joined ??= Buffer.concat(this.chunks);
    return this.joined;
  }

  /**
   * Waits until `done(unread text)` is true; returns the unread text and consumes it.
   * With `tail`, `done` sees only about the last `tail` characters: replies of
   * many megabytes are then not joined again on every packet.
   */
  async until(done: (unread: string) => boolean, timeoutMs = WAIT_TIMEOUT_MS, tail?: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (done(tail === undefined ? this.unread() : this.unreadTail(tail))) {
        const unread = this.unread();
        this.consume();
        return unread;
      }
      if (this.ended || this.closed) throw waitFailure('CLOSED', `connection ended while waiting; unread: ${JSON.stringify(this.unreadTail(300).slice(-300))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw waitFailure('TIMEOUT', `timed out waiting; unread: ${JSON.stringify(this.unreadTail(300).slice(-300))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private unread(): string {
    return this.pieces.slice(this.consumed).join('');
  }

  private unreadTail(length: number): string {
    let text = '';
    for (let k = this.pieces.length - 1; k >= this.consumed && text.length < length; k--) text = this.pieces[k] + text;
    return text;
  }

  /** Reads up to and including the next prompt; returns the text before it. */
  async untilPrompt(timeoutMs?: number): Promise<string> {
    const text = await this.until((unread) => unread.endsWith(PROMPT), timeoutMs, 16);
    return text.slice(0, -PROMPT.length);
  }

  /** Sends a query line and returns its reply lines (CRLF stripped), prompt excluded. */
  async ask(line: string): Promise<string[]> {
    this.send(line + '\r\n');
    return splitLines(await this.untilPrompt());
  }

  /** Waits for the server to close the connection; returns what arrived meanwhile. */
  async untilEnd(timeoutMs = WAIT_TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && !this.closed) {
      if (Date.now() > deadline) throw waitFailure('TIMEOUT', 'timed out waiting for the server to close');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const rest = this.unread();
    this.consume();
    return rest;
  }

  private consume(): void {
    if (this.keepReceived) {
      this.consumed = this.pieces.length;
    } else {
      this.pieces = [];
      this.consumed = 0;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Why a wait ended without its condition: `code` CLOSED (the server hung up) or TIMEOUT. */
function waitFailure(code: 'CLOSED' | 'TIMEOUT', message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Splits CRLF-terminated text into lines; every line must end in CRLF. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\r\n')) throw new Error(`reply does not end in CRLF: ${JSON.stringify(text.slice(-80))}`);
  return text.slice(0, -2).split('\r\n');
}
