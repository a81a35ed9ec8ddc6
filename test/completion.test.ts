import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completions } from '../src/index/completion.js';
import { loadIndex } from './support/server.js';

test('a prefix completes to the words it begins: grinn → grinning', () => {
  assert.ok(completions(loadIndex(), 'grinn', 10).includes('grinning'));
});

test('every completion starts with the prefix, in lower case, once, and there are at most max', () => {
  const index = loadIndex();
  for (const prefix of ['a', 'gr', 'Cat', 'é', 'lat']) {
    const words = completions(index, prefix, 25);
    assert.ok(words.length > 0 && words.length <= 25, `${prefix}: ${words.length}`);
    assert.equal(new Set(words).size, words.length, `${prefix}: ${words}`);
    for (const word of words) {
      assert.ok(word.startsWith(prefix.toLowerCase()), `${prefix}: ${word}`);
      assert.equal(word, word.toLowerCase());
    }
  }
});

test('the words naming the most entries come first: cat for cat, latin for lat', () => {
  const index = loadIndex();
  assert.equal(completions(index, 'cat', 5)[0], 'cat');
  assert.equal(completions(index, 'lat', 5)[0], 'latin');
});

test('the upper-case prefix gives what the lower-case one does', () => {
  const index = loadIndex();
  assert.deepEqual(completions(index, 'GRIN', 10), completions(index, 'grin', 10));
});

test('a prefix of no word, an empty prefix and max 0 give nothing', () => {
  const index = loadIndex();
  assert.deepEqual(completions(index, 'zzqxj', 10), []);
  assert.deepEqual(completions(index, '', 10), []);
  assert.deepEqual(completions(index, 'cat', 0), []);
});

test('a one-letter prefix stays cheap: its tens of thousands of words are not all read', () => {
  const index = loadIndex();
  completions(index, 's', 41);
  const started = performance.now();
  for (let k = 0; k < 10; k++) completions(index, 's', 41);
  assert.ok(performance.now() - started < 500, `${performance.now() - started} ms for ten`);
});
