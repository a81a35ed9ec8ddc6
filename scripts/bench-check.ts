// Before measuring, asks the server each query once and checks the replies
// have the shape the bench relies on (and docs/protocol.md promises): CRLF lines,
// `U+XXXX<TAB>char<TAB>NAME` results, one status line whose count matches,
// then the prompt. A bench against a server that answers wrongly would
// measure the wrong thing, so deviations are reported, not ignored.

import net from 'node:net';
import { createReplyEndDetector, encodeQueryLine } from './bench-protocol.js';

export interface ReplyShape {
  query: string;
  resultLines: number;
  bytes: number;
  statusLine: string;
}

export interface CheckOutcome {
  replies: ReplyShape[];
  /** One readable sentence per deviation. */
  problems: string[];
}

const REPLY_TIMEOUT_MS = 30_000;
const CR = 0x0d;
const LF = 0x0a;
/** Enough to hold a status line (the query is echoed in it) and the prompt. */
const TAIL_BYTES = 1024;
const RESULT_LINE = /^U\+[0-9A-F]{4,6}(?: U\+[0-9A-F]{4,6})*\t[^\t]+\t[^\t]+$/u;
const STATUS_LINE = /^(?:No match|([\d,]+) match(?:es)?) for '.*'$/u;

/** Streams one reply, keeping only counts, the first line and the last bytes: `cjk` is ~4 MB. */
class ReplyScanner {
  lines = 0;
  bareLineFeeds = 0;
  bytes = 0;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private previousByte = -1;

  add(chunk: Buffer): void {
    if (this.head.length < TAIL_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, TAIL_BYTES)]);
    this.bytes += chunk.length;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
      this.lines++;
      const before = at > 0 ? chunk[at - 1] : this.previousByte;
      if (before !== CR) this.bareLineFeeds++;
    }
    this.previousByte = chunk[chunk.length - 1];
    this.tail = Buffer.concat([this.tail, chunk.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES);
  }

  /** The lines of the reply without the prompt: first line, last line. */
  edges(): { firstLine: string; lastLine: string } {
    const head = this.head.toString('utf8');
    const firstLine = head.includes('\r\n') ? head.slice(0, head.indexOf('\r\n')) : head;
    const text = this.tail.toString('utf8').replace(/\r\n\?> $/, '');
    return { firstLine, lastLine: text.slice(text.lastIndexOf('\n') + 1) };
  }
}

export async function checkReplies(host: string, port: number, queries: string[]): Promise<CheckOutcome> {
  const socket = net.connect({ host, port, noDelay: true });
  socket.on('error', () => {}); // reported through the pending read
  const problems: string[] = [];
  const replies: ReplyShape[] = [];
  try {
    const greeting = await readReply(socket);
    if (greeting.lines !== 1 || greeting.bareLineFeeds > 0) {
      problems.push(`greeting is ${greeting.lines} lines (${greeting.bareLineFeeds} ending in bare LF); expected one CRLF line`);
    }
    for (const query of queries) {
      socket.write(encodeQueryLine(query));
      const reply = await readReply(socket);
      const { firstLine, lastLine } = reply.edges();
      const resultLines = reply.lines - 1;
      replies.push({ query, resultLines, bytes: reply.bytes, statusLine: lastLine });
      const about = `'${query}'`;
      if (reply.bareLineFeeds > 0) problems.push(`${about}: ${reply.bareLineFeeds} lines end in LF instead of CRLF`);
      if (resultLines > 0 && !RESULT_LINE.test(firstLine)) problems.push(`${about}: odd result line ${JSON.stringify(firstLine)}`);
      const status = STATUS_LINE.exec(lastLine);
      if (!status) {
        problems.push(`${about}: odd status line ${JSON.stringify(lastLine)}`);
      } else {
        const announced = status[1] === undefined ? 0 : Number(status[1].replaceAll(',', ''));
        if (announced !== resultLines) {
          problems.push(`${about}: status announces ${announced} matches but ${resultLines} result lines came`);
        }
      }
    }
  } finally {
    socket.destroy();
  }
  return { replies, problems };
}

/** Reads up to the end of a reply (the prompt); rejects on close, error or timeout. */
function readReply(socket: net.Socket): Promise<ReplyScanner> {
  return new Promise((resolve, reject) => {
    const detector = createReplyEndDetector('text');
    const scanner = new ReplyScanner();
    const timer = setTimeout(() => finish(new Error(`no complete reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      scanner.add(chunk);
      if (detector.feed(chunk)) finish();
    };
    const onClose = () => finish(new Error('server closed the connection mid-check'));
    const onError = (error: Error) => finish(error);
    function finish(error?: Error) {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
      if (error) reject(error);
      else resolve(scanner);
    }
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onError);
  });
}
