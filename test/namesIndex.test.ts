/**
 * The informal terms of the Unicode Character Names Index (src/ucd/namesIndex.ts):
 * read from a few entries of Index.json, then found through the search of the built index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScriptNames } from '../src/index/words.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS } from '../src/query/settings.js';
import { answerQuery } from '../src/search/answer.js';
import { nextBatch } from '../src/search/matchLines.js';
import { collectInformalTerms, informalTerm, withInformalTerms } from '../src/ucd/namesIndex.js';
import { loadIndex } from './support/server.js';

test('only the lower-case terms are informal; an inversion is turned back, remarks dropped', () => {
  assert.equal(informalTerm('question mark, turned'), 'turned question mark');
  assert.equal(informalTerm('beef (on menus)'), 'beef');
  assert.equal(informalTerm('paper in rock, paper, scissors game'), 'paper in rock, paper, scissors game');
  assert.equal(informalTerm('Currency Symbols'), null);
  assert.equal(informalTerm('A WITH ACUTE, LATIN SMALL LETTER'), null);
  const terms = collectInformalTerms({ 'turned question mark': '00BF', 'question mark, turned': '00BF', 'Latin-1 Supplement': '0080', maplet: '21A6', the: 'DOOD' });
  assert.deepEqual([...terms], [
    [0xbf, ['turned question mark']],
    [0x21a6, ['maplet']],
  ]);
});

test('a term is kept when it says something new, and is no other character\'s name', () => {
  const names = new Map([
    [0x3b, 'SEMICOLON'],
    [0x37e, 'GREEK QUESTION MARK'],
    [0x2bc, 'MODIFIER LETTER APOSTROPHE'],
    [0x294, 'LATIN LETTER GLOTTAL STOP'],
    [0xbf, 'INVERTED QUESTION MARK'],
    [0xa0, 'NO-BREAK SPACE'],
  ]);
  const terms = new Map([
    [0x3b, ['greek question mark']],
    [0x2bc, ['glottal stop', 'neutral apostrophe']],
    [0xbf, ['turned question mark']],
    [0xa0, ['non-breaking space', 'nbsp']],
  ]);
  const namesList = new Map([[0xbf, ['turned question mark']]]);
  const latin = new ScriptNames(['Latin']);
  const { informal, added } = withInformalTerms(namesList, terms, names, (cp) => (cp === 0xa0 ? ['NBSP'] : []), (_cp, words) => latin.contentWords(words, 0, false));
  assert.deepEqual([...informal], [
    [0xbf, ['turned question mark']],
    [0x2bc, ['neutral apostrophe']],
    [0xa0, ['non-breaking space']],
  ]);
  assert.equal(added, 2);
});

const index = loadIndex();
const names = filterNamesOf(index.header);

function firstLine(line: string): string {
  const query = parseQuery(line, names);
  assert.ok(query.kind === 'search', line);
  const { lines } = answerQuery(index, query, DEFAULT_SETTINGS);
  return nextBatch(lines, 0, 1, 1 << 16).bytes.toString('utf8').split('\r\n')[0];
}

test('through the search: the index\'s terms find their character, as informal aliases', () => {
  assert.equal(firstLine('non-breaking space'), 'U+00A0\t\u00a0\tNO-BREAK SPACE [non-breaking space]');
  assert.equal(firstLine('maplet'), 'U+21A6\t↦\tRIGHTWARDS ARROW FROM BAR [maplet]');
  assert.equal(firstLine('real numbers'), 'U+211D\tℝ\tDOUBLE-STRUCK CAPITAL R [real numbers]');
  // Another character's name stays its own.
  assert.equal(firstLine('greek question mark'), 'U+037E\t\u037e\tGREEK QUESTION MARK');
});
