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
  assert.deepEqual(events, [{ kind: 'runaway', bytes: 80_000 }]);
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
