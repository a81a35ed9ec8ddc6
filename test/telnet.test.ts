import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TelnetFilter } from '../src/protocol/telnet.js';

const IAC = 0xff;

function run(...chunks: number[][]) {
  const filter = new TelnetFilter();
  const results = chunks.map((chunk) => filter.push(Buffer.from(chunk)));
  return {
    data: Buffer.concat(results.map((r) => r.data)),
    reply: Buffer.concat(results.flatMap((r) => (r.reply ? [r.reply] : []))),
    events: results.flatMap((r) => r.events),
  };
}

const bytes = (text: string) => [...Buffer.from(text)];

test('plain text passes through untouched', () => {
  const filter = new TelnetFilter();
  const chunk = Buffer.from('cat face\r\n');
  assert.equal(filter.push(chunk).data, chunk);
});

test('option requests are refused: DO → WONT, WILL → DONT; WONT and DONT get no answer', () => {
  const result = run([IAC, 0xfd, 0x01, ...bytes('a'), IAC, 0xfb, 0x1f, IAC, 0xfc, 0x03, IAC, 0xfe, 0x05, ...bytes('b')]);
  assert.equal(result.data.toString(), 'ab');
  assert.deepEqual([...result.reply], [IAC, 0xfc, 0x01, IAC, 0xfe, 0x1f]);
});

test("telnet's Ctrl-C (IAC IP, IAC DO TIMING-MARK) is an interrupt and a timing mark, never text", () => {
  const result = run([0xff, 0xf4, 0xff, 0xfd, 0x06]);
  assert.equal(result.data.length, 0);
  assert.deepEqual(result.events, ['interrupt', 'timing-mark']);
  assert.equal(result.reply.length, 0);
});

test('sequences split across packets, 0xFF alone at the end of a packet', () => {
  const result = run([...bytes('ro'), IAC], [0xfd], [0x18, ...bytes('ok')], [IAC], [0xf4]);
  assert.equal(result.data.toString(), 'rook');
  assert.deepEqual([...result.reply], [IAC, 0xfc, 0x18]);
  assert.deepEqual(result.events, ['interrupt']);
});

test('subnegotiation is skipped whole, even when it never ends', () => {
  const result = run([...bytes('a'), IAC, 0xfa, 0x18, 0x00, ...bytes('xterm'), IAC, 0xf0, ...bytes('b')]);
  assert.equal(result.data.toString(), 'ab');
  const endless = new TelnetFilter();
  endless.push(Buffer.from([IAC, 0xfa, 0x18]));
  for (let k = 0; k < 100; k++) assert.equal(endless.push(Buffer.alloc(65536, 0x41)).data.length, 0);
});

test('IAC IAC is a literal 0xFF byte; AYT is reported', () => {
  const result = run([0x41, IAC, IAC, 0x42, IAC, 0xf6]);
  assert.deepEqual([...result.data], [0x41, 0xff, 0x42]);
  assert.deepEqual(result.events, ['are-you-there']);
});
