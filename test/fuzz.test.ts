/**
 * Property-based fuzzing over real sockets: thousands of random and mutated
 * inputs, each on its own connection, split into random packets. Whatever
 * arrives, the server's output stays valid, safe UTF-8 in CRLF lines, every
 * connection ends cleanly, and the server keeps serving with its memory back
 * at its baseline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const served = serverForThisFile();

const IAC = 0xff;
const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

/** Pieces a hostile or confused client might send, to be mixed at random. */
const token = fc.oneof(
  fc.constantFrom(
    ...['rook', 'cat face', 'U+1F638', 'u+202e', '😸é→', 'null', 'nbsp', '/page 3', '/page x', '/more', '/format json', '/format text', '/help', '/nope', '\x1b[2J', '\u202eevil', 'a\u2028b'].map(bytes),
  ),
  fc.constantFrom([0x0a], [0x0d, 0x0a], [0x0d, 0x00], [0x0d], [0x00], [0x04], [0x09]),
  fc.constantFrom([IAC], [IAC, IAC], [IAC, 0xf4], [IAC, 0xfd, 0x06], [IAC, 0xf4, IAC, 0xfd, 0x06], [IAC, 0xfd, 0x01], [IAC, 0xfb, 0x1f], [IAC, 0xfa, 0x18, 0x01], [IAC, 0xf0], [IAC, 0xf6]),
  fc.constantFrom([0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xfe]),
  fc.constantFrom(bytes('x'.repeat(1500)), bytes('é'.repeat(600))),
  fc.uint8Array({ maxLength: 40 }).map((array) => [...array]),
);

const structured = fc.array(token, { maxLength: 25 }).map((tokens) => Buffer.from(tokens.flat()));
const random = fc.uint8Array({ maxLength: 3000 }).map((array) => Buffer.from(array));
/** Cut points, as fractions of the input: the input goes out in that many packets. */
const packets = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

/** Sends the input in packets, then half-closes; resolves with all the server sent once it closed. */
function exchange(input: Buffer, cuts: number[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: served.port, host: '127.0.0.1', allowHalfOpen: true });
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 5 s after ${JSON.stringify(input.toString('latin1').slice(0, 200))}`));
    }, 5000);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => {}); // a reset after the server closed on us is fine: we check what arrived
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(received));
    });
    socket.on('connect', async () => {
      const points = [...new Set(cuts.map((cut) => Math.floor(cut * input.length)))].sort((a, b) => a - b);
      let from = 0;
      for (const point of [...points, input.length]) {
        if (socket.destroyed) return;
        socket.write(input.subarray(from, point));
        from = point;
        await new Promise((next) => setImmediate(next));
      }
      socket.end();
    });
  });
}

/**
 * Telnet answers are the only non-UTF-8 bytes the server may send: IAC
 * WONT/DONT/WILL/DO <option>, and IAC SB TERMINAL-TYPE SEND IAC SE.
 */
function withoutTelnetAnswers(output: Buffer): Buffer {
  const kept: number[] = [];
  for (let k = 0; k < output.length; k++) {
    if (output[k] === IAC && output[k + 1] >= 0xfb && output[k + 1] <= 0xfe && k + 2 < output.length) k += 2;
    else if (output[k] === IAC && output[k + 1] === 0xfa && output[k + 2] === 0x18 && output[k + 3] === 0x01 && output[k + 4] === IAC && output[k + 5] === 0xf0) k += 5;
    else kept.push(output[k]);
  }
  return Buffer.from(kept);
}

/**
 * A client that spoke telnet is in terminal mode (docs/terminal.md): the
 * server's own sequences — erasing a pager line, and colours — are the only
 * escapes it may send; anything else (a client's ESC [2J echoed) is unsafe.
 */
const TERMINAL_SEQUENCES = /\x1b\[1A\r\x1b\[2K|\r\x1b\[2K|\x1b\[(?:[0-9]|[1-9][0-9])m/g;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

function checkOutput(output: Buffer): void {
  const text = strictUtf8.decode(withoutTelnetAnswers(output)).replace(TERMINAL_SEQUENCES, ''); // throws on invalid UTF-8
  const lines = text.split('\r\n');
  const last = lines.pop()!;
  assert.ok(last === '' || /^(\?> )+$/.test(last), `output ends in a partial line: ${JSON.stringify(last)}`);
  for (const line of lines) {
    assert.ok(!/[\r\n]/.test(line), `a bare CR or LF inside ${JSON.stringify(line)}`);
    assert.ok(!UNSAFE.test(line), `unsafe code point in ${JSON.stringify(line)}`);
    // The character column: between tabs in text, between double spaces in terminal mode.
    const result = /^(?:\?> )*U\+[0-9A-F]{4,6}(?:\t([^\t]*)\t| +(\S+) +)/.exec(line);
    const column = result?.[1] ?? result?.[2];
    if (column !== undefined) assert.ok(!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(column), `character column ${JSON.stringify(column)}`);
  }
}

test('thousands of random and mutated inputs: valid, safe output and a clean close every time', async () => {
  // Warm up first: the search engine fills its bounded caches and loads its lazy tables on first use.
  await fc.assert(fc.asyncProperty(structured, packets, async (input, cuts) => checkOutput(await exchange(input, cuts))), { numRuns: 1500 });
  for (const query of ['"grinning face"', 'cat fase', 'кот', 'a*', 'block:arrows']) await exchange(Buffer.from(`/lang ru\r\n${query}\r\n`), []);
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  for (const [name, inputs, runs] of [
    ['mutated', structured, 1500],
    ['random', random, 1500],
  ] as const) {
    await fc.assert(
      fc.asyncProperty(inputs, packets, async (input, cuts) => {
        checkOutput(await exchange(input, cuts));
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    ).catch((error: Error) => {
      throw new Error(`${name} inputs: ${error.message}`);
    });
  }

  // The server still answers, every session is gone, and the memory is back.
  const { client } = await LineClient.ready(served.port);
  assert.deepEqual(await client.ask('registered'), ['U+00AE\t®\tREGISTERED SIGN', "1 match for 'registered'"]);
  client.close();
  const deadline = Date.now() + 5000;
  while (served.server.sessions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(served.server.sessions.size, 0);
  collectGarbage();
  const growth = process.memoryUsage().heapUsed - baseline;
  console.log(`# heap growth over 3,000 fuzzed connections after warm-up: ${(growth / 1048576).toFixed(2)} MB`);
  assert.ok(growth < 4 * 1024 * 1024, `heap grew by ${(growth / 1048576).toFixed(1)} MB over 3,000 connections`);
});
