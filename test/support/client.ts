/** A raw TCP client for tests: sends bytes, reads until a condition, never hangs (every wait has a deadline). */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export const PROMPT = '?> ';

export class TestClient {
  private chunks: Buffer[] = [];
  private joined: Buffer | null = null;
  private readonly decoder = new StringDecoder('utf8');
  /** Everything received, decoded chunk by chunk; `consumed` pieces have been returned already. */
  private pieces: string[] = [];
  private consumed = 0;
  private waiter: (() => void) | null = null;
  ended = false;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
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

  static connect(port: number, host = '127.0.0.1'): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, allowHalfOpen: true }, () => resolve(new TestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects and reads the greeting up to the first prompt. */
  static async ready(port: number): Promise<{ client: TestClient; greeting: string }> {
    const client = await TestClient.connect(port);
    const greeting = await client.untilPrompt();
    return { client, greeting };
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
  async until(done: (unread: string) => boolean, timeoutMs = 5000, tail?: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (done(tail === undefined ? this.unread() : this.unreadTail(tail))) {
        const unread = this.unread();
        this.consumed = this.pieces.length;
        return unread;
      }
      if (this.ended || this.closed) throw new Error(`connection ended while waiting; unread: ${JSON.stringify(this.unreadTail(300).slice(-300))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; unread: ${JSON.stringify(this.unreadTail(300).slice(-300))}`);
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
  async untilEnd(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && !this.closed) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server to close');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const rest = this.unread();
    this.consumed = this.pieces.length;
    return rest;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Splits CRLF-terminated text into lines; every line must end in CRLF. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\r\n')) throw new Error(`reply does not end in CRLF: ${JSON.stringify(text.slice(-80))}`);
  return text.slice(0, -2).split('\r\n');
}
