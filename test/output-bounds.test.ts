/**
 * Everything a client can make the server write counts against its output
 * bound — telnet answers as well as replies: a client that keeps asking and
 * never reads stops being read, then is dropped by the write-stall rule,
 * even while its session is only waiting for a line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { MAX_QUEUED_OUTPUT_BYTES } from '../src/server/channel.js';
import { startTestServer } from './support/server.js';
import type { RunningServer } from '../src/server/server.js';

const IAC = 0xff;
/** What each flood sends at most: ten times what grew the server by 100 MB before answers were bounded. */
const FLOOD_BYTES = 24 * 1024 * 1024;

/** A chunk of the same telnet command again and again. */
function repeated(command: number[], bytes: number): Buffer {
  const chunk = Buffer.alloc(Math.floor(bytes / command.length) * command.length);
  for (let at = 0; at < chunk.length; at += command.length) chunk.set(command, at);
  return chunk;
}

/** Option requests for every option in turn, so no answer can be skipped as a repeat of the last. */
function everyOption(verb: number, bytes: number): Buffer {
  const chunk = Buffer.alloc(Math.floor(bytes / 3) * 3);
  for (let at = 0, option = 0; at < chunk.length; at += 3, option = (option + 1) % 256) chunk.set([IAC, verb, option], at);
  return chunk;
}

/**
 * Sends `chunk` over and over without ever reading, for at most `maxBytes`
 * or until the server drops the connection; meanwhile samples the server's
 * queued output for this session. Resolves with what happened.
 */
async function flood(server: RunningServer, chunk: Buffer, maxBytes: number): Promise<{ dropped: boolean; sent: number; peakQueued: number }> {
  const socket: Socket = connect(server.address.port, '127.0.0.1');
  socket.pause(); // never read: what the server writes piles up in the kernel, then in the server
  await new Promise((resolve) => socket.once('connect', resolve));
  let closed = false;
  socket.on('error', () => {});
  const closedAt = new Promise<void>((resolve) => socket.once('close', () => ((closed = true), resolve())));
  let peakQueued = 0;
  const sampler = setInterval(() => {
    for (const session of server.sessions) peakQueued = Math.max(peakQueued, session.pendingOutputBytes);
  }, 5);
  let sent = 0;
  let stalled = false;
  // Bounded: at most maxBytes; a wait for room ends with the close, or after a minute as a failure.
  while (!closed && !stalled && sent < maxBytes) {
    sent += chunk.length;
    if (!socket.write(chunk)) {
      const outcome = await Promise.race([
        new Promise((resolve) => socket.once('drain', () => resolve('drained'))),
        closedAt.then(() => 'closed'),
        new Promise((resolve) => setTimeout(resolve, 60_000, 'stalled')),
      ]);
      stalled = outcome === 'stalled';
    }
  }
  clearInterval(sampler);
  socket.destroy();
  return { dropped: closed, sent, peakQueued };
}

for (const [name, chunk] of [
  ['Are You There', repeated([IAC, 0xf6], 64 * 1024)],
  ['DO TIMING-MARK', repeated([IAC, 0xfd, 0x06], 64 * 1024)],
  ['DO every option', everyOption(0xfd, 64 * 1024)],
  ['WILL every option', everyOption(0xfb, 64 * 1024)],
] as const) {
  test(`a client that floods ${name} and never reads is bounded, then dropped`, async () => {
    const server = await startTestServer({ limits: { writeStallTimeoutMs: 500 } });
    try {
      const { dropped, sent, peakQueued } = await flood(server, chunk, FLOOD_BYTES);
      assert.ok(peakQueued <= MAX_QUEUED_OUTPUT_BYTES + 2 * chunk.length, `queued output peaked at ${peakQueued} bytes`);
      // Either the answers were so few that the kernel took them all (nothing to drop for), or the client was dropped.
      assert.ok(dropped || sent >= FLOOD_BYTES, 'the flooding client was neither served nor dropped');
      // The server still answers others.
      const other = connect(server.address.port, '127.0.0.1');
      let text = '';
      other.setEncoding('utf8').on('data', (data: string) => (text += data));
      other.end('registered\r\n');
      await new Promise((resolve) => other.once('close', resolve));
      assert.match(text, /U\+00AE\t®\tREGISTERED SIGN/);
    } finally {
      await server.close();
    }
  });
}
