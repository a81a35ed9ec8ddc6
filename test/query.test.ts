import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '../src/query/parse.js';

test('words: lower case, split at spaces, hyphens and other punctuation', () => {
  assert.deepEqual(parseQuery('cat face'), { kind: 'words', text: 'cat face', words: ['cat', 'face'] });
  assert.deepEqual(parseQuery('  Cat   FACE  '), { kind: 'words', text: 'Cat   FACE', words: ['cat', 'face'] });
  assert.deepEqual(parseQuery('heart-shaped').kind === 'words' && parseQuery('heart-shaped'), { kind: 'words', text: 'heart-shaped', words: ['heart', 'shaped'] });
  assert.deepEqual(parseQuery('cat,face'), { kind: 'words', text: 'cat,face', words: ['cat', 'face'] });
  assert.deepEqual(parseQuery("jabberwocky's vest"), { kind: 'words', text: "jabberwocky's vest", words: ['jabberwocky', 's', 'vest'] });
});

test('an empty or blank line is empty', () => {
  assert.deepEqual(parseQuery(''), { kind: 'empty' });
  assert.deepEqual(parseQuery(' \t '), { kind: 'empty' });
});

test('U+ and 4 to 6 hex digits is a code point', () => {
  assert.deepEqual(parseQuery('U+1F638'), { kind: 'code-point', text: 'U+1F638', codePoint: 0x1f638 });
  assert.deepEqual(parseQuery('u+00e9'), { kind: 'code-point', text: 'u+00e9', codePoint: 0xe9 });
  assert.deepEqual(parseQuery('U+10FFFF'), { kind: 'code-point', text: 'U+10FFFF', codePoint: 0x10ffff });
  assert.equal(parseQuery('U+110000').kind, 'invalid');
  assert.equal(parseQuery('U+12').kind, 'words');
  assert.equal(parseQuery('4e00').kind, 'words');
});

test('text without ASCII letters or digits is characters to identify', () => {
  assert.deepEqual(parseQuery('😸é→'), { kind: 'characters', text: '😸é→', codePoints: [0x1f638, 0xe9, 0x2192] });
  assert.deepEqual(parseQuery('→ ←'), { kind: 'characters', text: '→ ←', codePoints: [0x2192, 0x2190] });
  assert.deepEqual(parseQuery('\u00a0'), { kind: 'characters', text: '\u00a0', codePoints: [0xa0] });
});
