// The vocabulary's word lookup through its hash table (made at build time), on small fixtures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Vocabulary, vocabularySlots, wordHash } from '../src/index/vocabulary.js';
import { encodeVocabulary } from '../src/ucd/postingLists.js';

function vocabularyOf(words: string[]): { vocabulary: Vocabulary; sorted: string[] } {
  const encoded = encodeVocabulary(words);
  return { vocabulary: new Vocabulary(encoded.bytes, encoded.offsets, [], encoded.slots), sorted: encoded.words };
}

test('every word of a vocabulary is found by its id, and other words are not', () => {
  const words = ['cat', 'face', 'grinning', 'é', 'café', 'кот', '猫', 'a', 'ab', 'abc', 'abcd', 'x'.repeat(300)];
  const { vocabulary, sorted } = vocabularyOf(words);
  for (const word of words) assert.equal(vocabulary.word(vocabulary.id(word)), word);
  assert.deepEqual(sorted.map((word) => vocabulary.id(word)), sorted.map((_, id) => id));
  for (const absent of ['', 'ca', 'cats', 'Cat', 'e', 'cafe', 'ко', '犬', 'abcde', 'x'.repeat(299), 'x'.repeat(301)]) assert.equal(vocabulary.id(absent), -1, absent);
});

test('a table holds every word of a larger vocabulary, at most half full, probing past other words', () => {
  const words = Array.from({ length: 5000 }, (_, k) => `w${k.toString(36)}`);
  const encoded = encodeVocabulary(words);
  const slots = vocabularySlots(encoded.bytes, encoded.offsets);
  assert.ok(slots.length >= 2 * words.length && (slots.length & (slots.length - 1)) === 0);
  assert.equal(slots.filter((slot) => slot !== 0).length, words.length);
  const { vocabulary } = vocabularyOf(words);
  for (const word of words) assert.equal(vocabulary.word(vocabulary.id(word)), word);
  for (let k = 5000; k < 6000; k++) assert.equal(vocabulary.id(`w${k.toString(36)}`), -1);
});

test('the hash of a word is that of its UTF-8 bytes wherever they lie', () => {
  const bytes = Buffer.from('..café..', 'utf8');
  assert.equal(wordHash(bytes, 2, 5), wordHash(Buffer.from('café', 'utf8'), 0, 5));
  assert.notEqual(wordHash(Buffer.from('ab'), 0, 2), wordHash(Buffer.from('ba'), 0, 2));
});
