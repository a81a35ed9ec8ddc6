import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Log } from '../src/log.js';

/** A sink that keeps what it is given; `writableLength` is what a slow reader has not taken yet. */
function sink() {
  const chunks: (Buffer | string)[] = [];
  return { chunks, writableLength: 0, write: (chunk: Buffer | string) => chunks.push(chunk), text: () => chunks.join('') };
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => line.replace(/^\S+ /, ''));

test('the log gathers its lines and writes them in order, UTF-8 encoded once, at the flush', () => {
  const out = sink();
  const log = new Log('queries', out, false);
  log.server('listening');
  log.query('"кот" → 13 matches');
  log.query('"猫" → 14 matches 🐈');
  assert.equal(out.chunks.length, 0, 'nothing written before the flush');
  log.flush();
  assert.equal(out.chunks.length, 1, 'one write for the lines gathered');
  assert.deepEqual(lines(out.text()), ['listening', '"кот" → 13 matches', '"猫" → 14 matches 🐈']);
  assert.match(out.text(), /^\d{4}-\d\d-\d\dT[\d:.]+Z listening\n/, 'each line stamped');
});

test('lines beyond a batch start the next one, and a line longer than a batch is written alone, after those before it', () => {
  const out = sink();
  const log = new Log('queries', out, false);
  const many = Array.from({ length: 2000 }, (_, k) => `query ${k} ${'x'.repeat(40)}`);
  for (const line of many) log.query(line);
  const long = `"${'ü'.repeat(30_000)}" → 0 matches`;
  log.query(long);
  log.query('after');
  log.flush();
  assert.ok(out.chunks.length >= 3, `several writes (${out.chunks.length})`);
  assert.deepEqual(lines(out.text()), [...many, long, 'after']);
});

test('when the reader falls far behind, lines are dropped and counted, and the count is logged once it catches up', () => {
  const out = sink();
  const log = new Log('queries', out, false);
  out.writableLength = 2 << 20;
  log.query('one');
  log.query('two');
  log.flush();
  assert.equal(out.chunks.length, 0);
  out.writableLength = 0;
  log.query('three');
  log.flush();
  assert.deepEqual(lines(out.text()), ['(2 log lines dropped: the log\'s reader is slower than the server)', 'three']);
});
