/** A raw TCP client for tests: sends bytes, reads until a condition, never hangs (every wait has a deadline). */
import { connect, type Socket } from 'node:net';

export const PROMPT = '?> ';

export class TestClient {
  private buffer = Buffer.alloc(0);
  private consumed = 0;
  private waiter: (() => void) | null = null;
  ended = false;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
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
    return this.buffer;
  }

  /** Waits until `done(unread text)` is true; returns the unread text and consumes it. */
  async until(done: (unread: string) => boolean, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const unread = this.buffer.subarray(this.consumed).toString('utf8');
      if (done(unread)) {
        this.consumed = this.buffer.length;
        return unread;
      }
      if (this.ended || this.closed) throw new Error(`connection ended while waiting; unread: ${JSON.stringify(unread.slice(-300))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; unread: ${JSON.stringify(unread.slice(-300))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Reads up to and including the next prompt; returns the text before it. */
  async untilPrompt(timeoutMs?: number): Promise<string> {
    const text = await this.until((unread) => unread.endsWith(PROMPT), timeoutMs);
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
    const rest = this.buffer.subarray(this.consumed).toString('utf8');
    this.consumed = this.buffer.length;
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
