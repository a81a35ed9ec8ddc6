import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lru } from '../src/lru.js';

const sized = (budget: ConstructorParameters<typeof Lru<string, string>>[0]) => new Lru<string, string>(budget, (value) => value.length);

test('the least recently used goes first when there are too many entries', () => {
  const lru = sized({ maxEntries: 2, maxBytes: 100 });
  lru.set('a', 'x');
  lru.set('b', 'y');
  assert.equal(lru.get('a'), 'x'); // a is now the most recent
  lru.set('c', 'z');
  assert.equal(lru.get('b'), undefined);
  assert.deepEqual([lru.get('a'), lru.get('c'), lru.size], ['x', 'z', 2]);
});

test('the byte budget evicts as many as it takes, and counts a replaced value once', () => {
  const lru = sized({ maxEntries: 100, maxBytes: 10, maxEntryBytes: 10 });
  lru.set('a', 'aaaa');
  lru.set('b', 'bbbb');
  lru.set('a', 'aa'); // replaces: 6 bytes kept, not 10
  assert.equal(lru.bytes, 6);
  lru.set('c', 'cccccccc'); // 14 > 10: b goes, and that is enough
  assert.deepEqual([lru.get('b'), lru.get('a'), lru.bytes], [undefined, 'aa', 10]);
  lru.set('d', 'dddd'); // 14 > 10: c (now the oldest) goes
  assert.deepEqual([lru.get('c'), lru.get('a'), lru.get('d'), lru.bytes], [undefined, 'aa', 'dddd', 6]);
});

test('a value over the per-entry share is not kept, and leaves the others be', () => {
  const lru = sized({ maxEntries: 100, maxBytes: 64 }); // share: 64 / 16 = 4
  lru.set('small', 'abcd');
  lru.set('big', 'abcde');
  assert.deepEqual([lru.get('small'), lru.get('big'), lru.bytes], ['abcd', undefined, 4]);
});

test('with admitOnRepeat a key is kept the second time it is set, and a kept one is replaced at once', () => {
  const lru = sized({ maxEntries: 100, maxBytes: 1000, admitOnRepeat: true });
  lru.set('once', 'x');
  assert.equal(lru.get('once'), undefined);
  lru.set('once', 'x');
  assert.equal(lru.get('once'), 'x');
  lru.set('once', 'y');
  assert.equal(lru.get('once'), 'y');
  for (let k = 0; k < 50; k++) lru.set(`query ${k}`, 'z');
  assert.equal(lru.size, 1, 'keys set once are remembered, not kept');
  lru.clear();
  lru.set('once', 'x');
  assert.equal(lru.get('once'), undefined, 'clear forgets what was seen');
});

test('admits says whether set would keep a key, and counts the asking as its first set', () => {
  const lru = sized({ maxEntries: 100, maxBytes: 1000, admitOnRepeat: true });
  assert.equal(lru.admits('asked'), false);
  assert.equal(lru.admits('asked'), true, 'asked again lately');
  lru.set('asked', 'x', true);
  assert.equal(lru.get('asked'), 'x');
  assert.equal(lru.admits('asked'), true, 'kept');
  lru.set('other', 'y', true);
  assert.equal(lru.get('other'), 'y', 'admitted: kept at the first set');
  assert.equal(sized({ maxEntries: 1, maxBytes: 10 }).admits('any'), true, 'without admitOnRepeat every key is');
});
