/**
 * HTML entity names (src/ucd/htmlEntities.ts): read from a tiny table of
 * character-entities' shape, then found through the search of the built index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEntry } from '../src/index/describeChar.js';
import { infoText } from '../src/index/infoText.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS } from '../src/query/settings.js';
import { answerQuery } from '../src/search/answer.js';
import { nextBatch } from '../src/search/matchLines.js';
import { SUGGEST_ANYWHERE } from '../src/index/suggestions.js';
import { collectHtmlEntities, htmlAlias, isExactEntity } from '../src/ucd/htmlEntities.js';
import { answerCodePoints } from './support/nameMatches.js';
import { loadIndex } from './support/server.js';

test('entity names are read per entry, case duplicates merged (lower case kept), names of no entry counted as skipped', () => {
  const table = { RightArrow: '→', rarr: '→', rightarrow: '→', srarr: '→', rArr: '⇒', Implies: '⇒', COPY: '©', copy: '©', nvlt: '<\u20d2', fjlig: 'fj' };
  // Entries: → 0, ⇒ 1, © 2; and the sequence f j, as if the index held it, 3.
  const entries = new Map([['→', 0], ['⇒', 1], ['©', 2], ['fj', 3]]);
  const { byEntry, names, skipped } = collectHtmlEntities(table, (codePoints) => entries.get(String.fromCodePoint(...codePoints)) ?? -1);
  assert.deepEqual(byEntry.get(0), ['rightarrow', 'rarr', 'srarr']);
  assert.deepEqual(byEntry.get(1), ['rArr', 'Implies']);
  assert.deepEqual(byEntry.get(2), ['copy']);
  assert.deepEqual(byEntry.get(3), ['fjlig']);
  assert.equal(names, 7);
  assert.equal(skipped, 1);
  assert.equal(htmlAlias('approx'), '&approx;');
});

test('an entity name is an exact answer only where it is no everyday word', () => {
  const everyday = new Set(['smile', 'cap', 'dash', 'copy']);
  assert.equal(isExactEntity('sqrt', (word) => everyday.has(word)), true);
  assert.equal(isExactEntity('Implies', (word) => everyday.has(word)), true);
  assert.equal(isExactEntity('smile', (word) => everyday.has(word)), false);
  assert.equal(isExactEntity('COPY', (word) => everyday.has(word)), false);
});

const index = loadIndex();
const first = (line: string) => String.fromCodePoint(answerCodePoints(index, line)[0]);

function lines(line: string): string[] {
  const query = parseQuery(line, filterNamesOf(index.header));
  assert.ok(query.kind === 'search', line);
  const { lines: result } = answerQuery(index, query, DEFAULT_SETTINGS);
  return nextBatch(result, 0, result.total, 1 << 20).bytes.toString('utf8').split('\r\n').slice(0, -1);
}

test('a query that is an entity name is answered with the entity as typed in HTML', () => {
  assert.deepEqual(lines('sqrt'), ['U+221A\t√\tSQUARE ROOT [&Sqrt;]']);
  assert.deepEqual(lines('hellip'), ['U+2026\t…\tHORIZONTAL ELLIPSIS [&hellip;]']);
  assert.deepEqual(lines('rarr'), ['U+2192\t→\tRIGHTWARDS ARROW [&rarr;]', 'U+21D2\t⇒\tRIGHTWARDS DOUBLE ARROW [&rArr;]', 'U+21A0\t↠\tRIGHTWARDS TWO HEADED ARROW [&Rarr;]']);
});

test('through the search: an entity name finds its character first', () => {
  assert.equal(first('sqrt'), '√');
  assert.equal(first('approx'), '≈');
  assert.equal(first('&approx;'), '≈');
  assert.equal(first('iff'), '⇔');
  assert.equal(first('implies'), '⇒');
  assert.equal(first('hellip'), '…');
  assert.equal(first('nbsp'), '\u00a0');
  assert.equal(first('rarr'), '→');
  assert.equal(first('mdash'), '—');
  assert.equal(first('mapsto'), '↦');
});

test('an entity name that is an English word does not take first place from what people mean by it', () => {
  assert.notEqual(first('smile'), '⌣');
  assert.notEqual(first('dash'), '\u2010');
  assert.ok(answerCodePoints(index, 'smile').includes(0x2323), '⌣ SMILE still found');
});

test('/info and the detail list the entity names as aliases of type html', () => {
  const info = infoText(describeEntry(index, [0x2248], null)).split('\r\n');
  assert.ok(info.includes('alias (html): &approx;'), info.join('\n'));
  const detail = describeEntry(index, [0x2248], null);
  assert.ok(detail.aliases.some(({ alias, type }) => alias === '&approx;' && type === 'html'), JSON.stringify(detail.aliases));
});

test('words only of entity names are no did-you-mean suggestion', () => {
  // `&ulcorn;` is ⌞: `uicorn` is a unicorn.
  assert.deepEqual(
    index.suggestions.nearest('uicorn', SUGGEST_ANYWHERE, 5).map(({ word }) => word).filter((word) => word === 'ulcorn' || word === 'urcorn'),
    [],
  );
  assert.equal(index.suggestions.nearest('uicorn', SUGGEST_ANYWHERE, 1)[0]?.word, 'unicorn');
});
