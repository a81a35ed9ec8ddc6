import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharIndex } from '../src/index/charIndex.js';
import { readingKey, unihanItems } from '../src/index/unihanWords.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_QUERY_BUDGET } from '../src/search/budget.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../src/query/settings.js';
import { answerQuery } from '../src/search/answer.js';
import { nextBatch } from '../src/search/matchLines.js';
import { statusSentence } from '../src/search/sentences.js';

// Ideographs by meaning and reading (Unihan 16.0): after names and keywords, with the field in brackets.
const index = CharIndex.load();
const names = filterNamesOf(index.header);

/** The text lines of a reply (as the server sends them, without CRLF), and its status line. */
function ask(line: string, settings: Partial<SearchSettings> = {}): { lines: string[]; status: string } {
  const query = parseQuery(line, names);
  assert.ok(query.kind === 'search' || query.kind === 'characters', `${line} → ${query.kind}`);
  const answer = answerQuery(index, query, { ...DEFAULT_SETTINGS, ...settings }, DEFAULT_QUERY_BUDGET);
  const { bytes } = nextBatch(answer.lines, 0, answer.lines.total, 1 << 24);
  return { lines: bytes.toString('utf8').split('\r\n').slice(0, -1), status: statusSentence(answer.status) };
}

const WATER_IDEOGRAPH = 'U+6C34\t水\tCJK UNIFIED IDEOGRAPH-6C34';
const position = (lines: string[], code: string) => lines.findIndex((line) => line.startsWith(`${code}\t`));

test('water: its symbols and emoji first, 水 among the ideographs defined as water, after them all', () => {
  const { lines } = ask('water');
  // Emoji CLDR names first (🚾, 🌊, 🐃…), then the other symbols; 水 after them all.
  assert.ok(lines.slice(0, 3).includes('U+1F30A\t🌊\tWATER WAVE'));
  assert.ok(lines.slice(0, 40).includes('U+2635\t☵\tTRIGRAM FOR WATER'));
  assert.ok(lines.includes(`${WATER_IDEOGRAPH} [def: water]`));
  const droplet = position(lines, 'U+1F4A7');
  assert.equal(lines[droplet], 'U+1F4A7\t💧\tDROPLET [en: water]');
  assert.ok(droplet < 40 && droplet < position(lines, 'U+6C34'));
  // Every keyword match comes before every Unihan one.
  const firstUnihan = lines.findIndex((line) => line.includes('[def: '));
  assert.ok(lines.slice(firstUnihan).every((line) => line.includes('[def: ')));
});

test('shui, shuǐ and shui3 find 水 by its pinyin, shown with its tone mark; other fields likewise', () => {
  for (const query of ['shui', 'shuǐ', 'shui3', 'SHUI']) assert.ok(ask(query).lines.includes(`${WATER_IDEOGRAPH} [pinyin: shuǐ]`), query);
  assert.ok(ask('seoi').lines.includes(`${WATER_IDEOGRAPH} [cantonese: seoi2]`));
  assert.ok(ask('mizu').lines.includes(`${WATER_IDEOGRAPH} [kun: mizu]`));
  assert.ok(ask('sui').lines.includes(`${WATER_IDEOGRAPH} [on: sui]`));
  assert.ok(ask('swu').lines.includes(`${WATER_IDEOGRAPH} [korean: swu]`));
  // Kana and hangul are words too: みず is 水's kJapanese, 수 its kHangul (after HANGUL SYLLABLE SU itself).
  assert.ok(ask('みず').lines.includes(`${WATER_IDEOGRAPH} [japanese: みず]`));
  assert.ok(ask('スイ').lines.includes(`${WATER_IDEOGRAPH} [japanese: スイ]`));
  const su = ask('수').lines;
  assert.equal(su[0], 'U+C218\t수\tHANGUL SYLLABLE SU');
  assert.ok(su.includes(`${WATER_IDEOGRAPH} [hangul: 수]`));
});

test('a prefix expands in the readings; a term from keywords and one from Unihan are both explained', () => {
  assert.ok(ask('shu*').lines.includes(`${WATER_IDEOGRAPH} [pinyin: shuǐ]`));
  // English keywords (💦 by `drops`, a plural), then the ideographs by definition, the commoner 滴 first.
  assert.deepEqual(ask('drop water').lines, [
    'U+1F4A7\t💧\tDROPLET [en: drop, water]',
    'U+1F4A6\t💦\tSPLASHING SWEAT SYMBOL [en: drop, water]',
    'U+6EF4\t滴\tCJK UNIFIED IDEOGRAPH-6EF4 [def: drop, water]',
    'U+3CD9\t㳙\tCJK UNIFIED IDEOGRAPH-3CD9 [def: drop, water]',
  ]);
  assert.deepEqual(ask('mizu water').lines, [`${WATER_IDEOGRAPH} [kun: mizu; def: water]`]);
});

test('/match names leaves Unihan out; -word and filters apply to its matches', () => {
  const { lines, status } = ask('shui', { match: 'names' });
  assert.deepEqual(lines, []);
  assert.equal(status, "No match for 'shui' among official names; /match all finds 35");
  assert.ok(!ask('water', { match: 'names' }).lines.some((line) => line.includes('[def:')));
  assert.ok(!ask('water -shui').lines.some((line) => line.startsWith('U+6C34\t')));
  assert.deepEqual(ask('water liquid block:cjk_unified_ideographs').lines.slice(0, 2), [
    'U+6C34\t水\tCJK UNIFIED IDEOGRAPH-6C34 [def: water, liquid]',
    'U+6E16\t渖\tCJK UNIFIED IDEOGRAPH-6E16 [def: water, liquid]',
  ]);
});

test('English words that are also readings still start with the obvious characters', () => {
  const man = ask('man').lines;
  assert.equal(man[0], 'U+1F468\t👨\tMAN');
  assert.ok(man.indexOf('U+10AB\tႫ\tGEORGIAN CAPITAL LETTER MAN') < man.findIndex((line) => line.includes('[pinyin: ')), 'names before readings');
  assert.equal(ask('cat').lines[0], 'U+1F408\t🐈\tCAT');
  assert.ok(ask('fan').lines[0].includes('FAN'));
});

test('how definitions and readings become keys', () => {
  assert.deepEqual(unihanItems(0, 'water, liquid, lotion, juice'), ['water', 'liquid', 'lotion', 'juice']);
  assert.deepEqual(unihanItems(0, 'same as U+6C34 水; a kind of fish'), ['same', '水', 'kind', 'fish']);
  assert.deepEqual(unihanItems(7, '선:N 수:N'), ['선', '수']);
  assert.deepEqual(['shuǐ', 'shui3', 'seoi2', 'MIZU', 'lǜ', 'スイ', '수'].map(readingKey), ['shui', 'shui', 'seoi', 'mizu', 'lu', 'すい', '수']);
});
