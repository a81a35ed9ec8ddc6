import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNSAFE_CATEGORIES } from '../src/index/display.js';
import { loadIndex } from './support/server.js';
import { CharIndex, SECTIONS_PAGED_AT_LOAD, SECTIONS_READ_AT_LOAD } from '../src/index/charIndex.js';
import type { ArtefactFile } from '../src/index/artefact.js';
import { nameOrAliasMatches } from './support/nameMatches.js';

const index = loadIndex();

function codes(words: string): string[] {
  return [...nameOrAliasMatches(index, words.split(' '))].map((i) => index.codePoint(i).toString(16).toUpperCase());
}

test('the index holds every named code point of the Unicode data (Unicode 18.0, from @unicode/unicode-18.0.0), plus the controls', () => {
  assert.equal(index.header.unicodeVersion, '18.0');
  assert.equal(index.header.namedCount, 172_808);
  assert.equal(index.size, 172_808 + 65);
});

test('match counts by name words agree with the Unicode 18.0 data', () => {
  const figures: [string, number][] = [
    ['cat face', 10],
    ['rook', 18],
    ['white bishop', 5],
    ['chess black king', 4],
    ['registered', 1],
    ['sun', 17],
    ['face', 202], // 195 code points and 3 ZWJ sequences (FACE EXHALING…), and 4 emoji by a shortcode (🐔 :chicken_face:)
    ['digit', 1006], // 996 code points and 10 keycaps, by their named-sequence alias KEYCAP DIGIT …
    ['letter', 11_639], // 11,533 code points and 106 named sequences
    ['hangul syllable', 11_172],
    ['cjk', 103_204],
    ['4e00', 2],
  ];
  for (const [query, expected] of figures) assert.equal(nameOrAliasMatches(index, query.split(' ')).length, expected, query);
});

test('ranged names are found by their hex suffix, and results come in code point order', () => {
  assert.deepEqual(codes('4e00'), ['4E00', '1F229']);
  assert.deepEqual(codes('tangut ideograph 17000'), ['17000']);
  assert.deepEqual(codes('registered'), ['AE']);
  const cjk = nameOrAliasMatches(index, ['cjk']);
  for (let k = 1; k < cjk.length; k++) assert.ok(cjk[k] > cjk[k - 1]);
});

test('formal aliases are words too', () => {
  assert.deepEqual(codes('nbsp'), ['A0']);
  assert.deepEqual(codes('byte order mark'), ['FEFF']);
  assert.ok(codes('zwj').includes('200D'));
  assert.ok(codes('null').includes('0'));
});

test('unknown and partial words match nothing', () => {
  assert.deepEqual(codes('jabberwocky'), []);
  assert.deepEqual(codes('regist'), []);
  assert.deepEqual(codes('cat jabberwocky'), []);
});

test('result lines are pre-encoded: code, character, name', () => {
  assert.equal(index.describe(0x1f638).toString(), 'U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES\r\n');
  assert.equal(index.describe(0x41).toString(), 'U+0041\tA\tLATIN CAPITAL LETTER A\r\n');
  assert.equal(index.describe(0x4e00).toString(), 'U+4E00\t一\tCJK UNIFIED IDEOGRAPH-4E00\r\n');
  assert.equal(index.describe(0xac00).toString(), 'U+AC00\t가\tHANGUL SYLLABLE GA\r\n');
});

test('the character column never carries a control, format, separator or unassigned code point', () => {
  assert.equal(index.describe(0x1b).toString(), 'U+001B\t␛\t<control-001B>\r\n');
  assert.equal(index.describe(0x0).toString(), 'U+0000\t␀\t<control-0000>\r\n');
  assert.equal(index.describe(0x7f).toString(), 'U+007F\t␡\t<control-007F>\r\n');
  assert.equal(index.describe(0x9b).toString(), 'U+009B\t \t<control-009B>\r\n');
  assert.equal(index.describe(0x202e).toString(), 'U+202E\t \tRIGHT-TO-LEFT OVERRIDE\r\n');
  assert.equal(index.describe(0x2028).toString(), 'U+2028\t \tLINE SEPARATOR\r\n');
  assert.equal(index.describe(0x301).toString(), 'U+0301\t◌\u0301\tCOMBINING ACUTE ACCENT\r\n');
  assert.equal(index.describe(0xd800).toString(), 'U+D800\t \t<surrogate-D800>\r\n');
  assert.equal(index.describe(0xe000).toString(), 'U+E000\t \t<private-use-E000>\r\n');
  assert.equal(index.describe(0x378).toString(), 'U+0378\t \t<reserved-0378>\r\n');
  assert.equal(index.describe(0xffff).toString(), 'U+FFFF\t \t<noncharacter-FFFF>\r\n');
  const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u;
  // This Node.js's regex knows Unicode ${process.versions.unicode}: to it, newer characters are unassigned (Cn); the index's own category judges those.
  const newerThanNode = (age: string) => parseFloat(age) > parseFloat(process.versions.unicode ?? '0');
  for (let i = 0; i < index.size; i++) {
    const column = index.line(i).toString('utf8').split('\t')[1];
    const shown = newerThanNode(index.age(i)) ? UNSAFE_CATEGORIES.has(index.category(i)) && column !== ' ' : unsafe.test(column);
    assert.ok(!shown, `U+${index.codePoint(i).toString(16)} shows ${JSON.stringify(column)}`);
  }
});

test('a vocabulary word with variants has its lists merged over them in the index, as the search would merge them', async () => {
  const { union, mergedUnion } = await import('../src/index/postings.js');
  const index = loadIndex();
  const merged = index.mergedLists('hearts');
  assert.ok(merged !== null, 'hearts has variants: its lists are merged');
  const words = ['hearts', ...Array.from(index.storedVariants('hearts')!, (entry) => index.variantWord(entry))];
  assert.deepEqual([...merged.name], [...union(words.map((word) => index.postings('name', word)))]);
  assert.deepEqual([...merged.keyword], [...mergedUnion(words.map((word) => index.postings('keyword', word)))]);
  assert.deepEqual(merged.variantWork[0], words.slice(1).reduce((sum, word) => sum + index.postings('name', word).length, 0));
  assert.equal(index.mergedLists('cyrillic'), null, 'a word without variants has no merged lists');
  assert.equal(index.mergedLists('heartz'), null, 'nor has a word of no vocabulary');
});

test('the variants stored for vocabulary words are those the rules find, in the same order', async () => {
  const { wordVariants, foundVariants } = await import('../src/search/expansions.js');
  const index = loadIndex();
  assert.deepEqual(wordVariants(index, 'hearts'), foundVariants(index, 'hearts'));
  assert.ok(wordVariants(index, 'hearts').some(({ word, rule }) => word === 'heart' && rule === 'inflection'));
  assert.ok(wordVariants(index, 'right').some(({ word, rule }) => word === 'rightwards' && rule === 'wards'));
  assert.ok(wordVariants(index, 'lambda').some(({ word, rule }) => word === 'lamda' && rule === 'synonym'));
  assert.ok(wordVariants(index, '1').some(({ word, rule }) => word === 'one' && rule === 'number'));
  assert.ok(index.storedVariants('hearts') !== null, 'hearts is a vocabulary word: its variants are stored');
  // A word of no vocabulary has its variants found at the query: `heartz` is none, but its fold and forms are looked for.
  assert.equal(index.storedVariants('heartz'), null);
  let compared = 0;
  for (const { word } of index.vocabularyWords()) {
    if (compared++ % 97 !== 0) continue;
    assert.deepEqual(wordVariants(index, word), foundVariants(index, word), word);
  }
});

test('the index takes at load exactly the sections the server reads ahead or pages in (SECTIONS_READ_AT_LOAD, SECTIONS_PAGED_AT_LOAD), and open() gives the same index as load()', async () => {
  const loaded = CharIndex.load();
  const taken = (loaded as unknown as { file: ArtefactFile<unknown> }).file.sectionsTaken();
  assert.deepEqual([...taken].sort(), [...SECTIONS_READ_AT_LOAD, ...SECTIONS_PAGED_AT_LOAD].sort());
  assert.equal(new Set([...SECTIONS_READ_AT_LOAD, ...SECTIONS_PAGED_AT_LOAD]).size, SECTIONS_READ_AT_LOAD.length + SECTIONS_PAGED_AT_LOAD.length);
  const opened = await CharIndex.open();
  assert.equal(opened.size, loaded.size);
  assert.deepEqual([...nameOrAliasMatches(opened, ['cat', 'face'])], [...nameOrAliasMatches(loaded, ['cat', 'face'])]);
  assert.equal(opened.header.unicodeVersion, loaded.header.unicodeVersion);
});

test('every Unihan entry is of a Han character (the looser readings skip a prefix reading on this: relaxed.ts foreignWhereTheyMeet)', async () => {
  const { entryChar } = await import('../src/index/taggedChars.js');
  const { readArtefact } = await import('../src/index/artefact.js');
  const { DEFAULT_INDEX_PATH } = await import('../src/index/paths.js');
  const postings = readArtefact(DEFAULT_INDEX_PATH).section('unihanPostings');
  const entries = new Uint32Array(postings.buffer, postings.byteOffset, postings.byteLength / 4);
  const han = index.header.scripts.indexOf('Han');
  assert.ok(entries.length > 300_000, `${entries.length} Unihan entries`);
  let others = 0;
  for (const entry of entries) if (index.scriptId(entryChar(entry)) !== han) others++;
  assert.equal(others, 0);
});
