import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, type LineEvent } from '../src/protocol/lines.js';

const limits = { maxLineBytes: 1024, maxUnterminatedBytes: 64 * 1024 };

function split(...chunks: (string | Buffer | number[])[]): LineEvent[] {
  const splitter = new LineSplitter(limits);
  const events = chunks.flatMap((chunk) => splitter.push(Buffer.isBuffer(chunk) ? chunk : Array.isArray(chunk) ? Buffer.from(chunk) : Buffer.from(chunk)));
  return [...events, ...splitter.end()];
}

const line = (text: string): LineEvent => ({ kind: 'line', text });

test('LF, CRLF, CR NUL and a bare CR all end a line', () => {
  assert.deepEqual(split('a\nb\r\nc\r\0d\re\n'), [line('a'), line('b'), line('c'), line('d'), line('e')]);
});

test('a CRLF split across packets is one line end', () => {
  assert.deepEqual(split('cat face\r', '\nrook\r', '\0sun\n'), [line('cat face'), line('rook'), line('sun')]);
});

test('a line may arrive in many pieces; an unterminated last line counts at the end', () => {
  assert.deepEqual(split('ca', 't f', 'ace\nro', 'ok'), [line('cat face'), line('rook')]);
});

test('empty lines are lines', () => {
  assert.deepEqual(split('\n\r\n'), [line(''), line('')]);
});

test('UTF-8 split across packets is joined before decoding', () => {
  const bytes = Buffer.from('😸\n');
  assert.deepEqual(split(bytes.subarray(0, 2), bytes.subarray(2)), [line('😸')]);
});

test('invalid UTF-8, overlong forms and encoded surrogates are reported, not replaced', () => {
  assert.deepEqual(split([0xff, 0x41, 0x0a]), [{ kind: 'invalid-utf8' }]);
  assert.deepEqual(split([0xc0, 0xaf, 0x0a]), [{ kind: 'invalid-utf8' }]);
  assert.deepEqual(split([0xed, 0xa0, 0x80, 0x0a]), [{ kind: 'invalid-utf8' }]);
  assert.deepEqual(split([0xe2, 0x82, 0x0a, 0x41, 0x0a]), [{ kind: 'invalid-utf8' }, line('A')]);
});

test('a line over the limit is discarded up to its end and reported once', () => {
  const long = 'x'.repeat(5000);
  assert.deepEqual(split(long.slice(0, 3000), long.slice(3000) + '\nrook\n'), [{ kind: 'too-long', bytes: 5000 }, line('rook')]);
  assert.deepEqual(split('y'.repeat(1024) + '\n'), [line('y'.repeat(1024))]);
  assert.deepEqual(split('y'.repeat(1025) + '\n'), [{ kind: 'too-long', bytes: 1025 }]);
});

test('64 KiB without a line end is a runaway, and nothing after it is read', () => {
  const events = split('z'.repeat(40_000), 'z'.repeat(40_000), 'more\n');
  assert.deepEqual(events, [{ kind: 'runaway', bytes: 65_536 }]);
});

test('the runaway limit holds to the byte: 65,535 bytes and a line end are a long line; the 65,536th byte is a runaway, however the reads fall', () => {
  assert.deepEqual(split('z'.repeat(65_535) + '\n'), [{ kind: 'too-long', bytes: 65_535 }]);
  assert.deepEqual(split('z'.repeat(65_535), '\n'), [{ kind: 'too-long', bytes: 65_535 }]);
  assert.deepEqual(split('z'.repeat(65_536)), [{ kind: 'runaway', bytes: 65_536 }]);
  assert.deepEqual(split('z'.repeat(65_535), 'z'), [{ kind: 'runaway', bytes: 65_536 }]);
  assert.deepEqual(split('ok\n' + 'z'.repeat(30_000), 'z'.repeat(35_536) + '\n'), [line('ok'), { kind: 'runaway', bytes: 65_536 }]);
});

test('arrow keys and other escape sequences are cut out of a line; a line of nothing else is empty', () => {
  const keys = (text: string, escapes: number): LineEvent => ({ kind: 'line', text, escapes });
  // Up, Left, Right, Down, Home (CSI); F1 (SS3); Alt-b (ESC b); Delete (CSI 3 ~)
  assert.deepEqual(split('\x1b[A\r\n'), [keys('', 1)]);
  assert.deepEqual(split('cat\x1b[D\x1b[D face\x1b[C\n'), [keys('cat face', 3)]);
  assert.deepEqual(split('\x1b[B\x1b[1~\x1bOP\x1bb\x1b[3~\n'), [keys('', 5)]);
  // CSI with parameters and intermediates, a colour query answer (OSC … ST), a lone ESC, an unfinished CSI
  assert.deepEqual(split('a\x1b[1;5A\x1b[ q\x1b]11;rgb:0000/0000/0000\x1b\\b\x1b\n'), [keys('ab', 4)]);
  assert.deepEqual(split('rook\x1b[12\n'), [keys('rook', 1)]);
  // The 8-bit forms, as UTF-8: CSI U+009B, SS3 U+008F
  assert.deepEqual(split('x\u009bAy\u008fQ\n'), [keys('xy', 2)]);
  // Non-ASCII text around them is kept, and UTF-8 is still validated first
  assert.deepEqual(split('утка\x1b[A\n'), [keys('утка', 1)]);
  assert.deepEqual(split([0x1b, 0x5b, 0x41, 0xd1, 0x0a]), [{ kind: 'invalid-utf8' }]);
  assert.deepEqual(split('[A] O\n'), [line('[A] O')]);
});

test('Ctrl-D at the start of a line ends the input; elsewhere it is text', () => {
  assert.deepEqual(split('rook\n\x04'), [line('rook'), { kind: 'end-of-transmission' }]);
  assert.deepEqual(split('a\x04b\n'), [line('a\x04b')]);
});

test('thousands of pipelined lines in one packet are split in order', () => {
  const events = split(Array.from({ length: 10_000 }, (_, i) => `q${i}`).join('\n') + '\n');
  assert.equal(events.length, 10_000);
  assert.deepEqual(events[9_999], line('q9999'));
});
