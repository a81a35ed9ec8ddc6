import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharIndex } from '../src/index/charIndex.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery, type Query } from '../src/query/parse.js';
import { DEFAULT_SETTINGS } from '../src/query/settings.js';
import { applySettingCommand, parseCommand } from '../src/query/commands.js';

const names = filterNamesOf(CharIndex.load().header);
const parse = (line: string): Query => parseQuery(line, names);

function search(line: string): Extract<Query, { kind: 'search' }> {
  const query = parse(line);
  assert.equal(query.kind, 'search', `${line} → ${JSON.stringify(query)}`);
  return query as Extract<Query, { kind: 'search' }>;
}

function reason(line: string): string {
  const query = parse(line);
  assert.equal(query.kind, 'invalid', `${line} → ${JSON.stringify(query)}`);
  return (query as Extract<Query, { kind: 'invalid' }>).reason;
}

test('words: lower case, split at spaces and punctuation, in any script', () => {
  assert.deepEqual(search('Cat FACE').terms, [
    { kind: 'word', word: 'cat' },
    { kind: 'word', word: 'face' },
  ]);
  assert.deepEqual(search('heart-shaped').terms, [
    { kind: 'word', word: 'heart' },
    { kind: 'word', word: 'shaped' },
  ]);
  assert.deepEqual(search('cat,face').terms.length, 2);
  assert.deepEqual(search('gato').terms, [{ kind: 'word', word: 'gato' }]);
});

test('word* is a prefix, -word excludes, "a phrase" keeps its words together', () => {
  assert.deepEqual(search('hamb*').terms, [{ kind: 'prefix', prefix: 'hamb' }]);
  const query = search('arrow block:arrows -double');
  assert.deepEqual(query.terms, [{ kind: 'word', word: 'arrow' }]);
  assert.deepEqual(query.excluded, [[{ kind: 'word', word: 'double' }]]);
  assert.deepEqual(search('"grinning face" cat').terms, [
    { kind: 'phrase', words: ['grinning', 'face'] },
    { kind: 'word', word: 'cat' },
  ]);
  assert.deepEqual(search('face -"cat face"').excluded, [[{ kind: 'phrase', words: ['cat', 'face'] }]]);
  assert.deepEqual(search('"smile"').terms, [{ kind: 'word', word: 'smile' }]);
});

test('code points in every common notation', () => {
  const one = (line: string) => assert.deepEqual(parse(line), { kind: 'code-points', text: line, items: [{ kind: 'code-point', codePoint: 0x1f638 }] }, line);
  for (const line of ['U+1F638', 'u+1f638', '0x1F638', '\\u{1F638}', '\\uD83D\\uDE38', '\\U0001F638', '&#x1F638;', '&#128568;']) one(line);
  assert.deepEqual(parse('\\u00E9'), { kind: 'code-points', text: '\\u00E9', items: [{ kind: 'code-point', codePoint: 0xe9 }] });
  assert.deepEqual(parse('U+0041 U+00E9'), {
    kind: 'code-points',
    text: 'U+0041 U+00E9',
    items: [
      { kind: 'code-point', codePoint: 0x41 },
      { kind: 'code-point', codePoint: 0xe9 },
    ],
  });
});

test('ranges, in any notation at either end', () => {
  assert.deepEqual(parse('U+2600..U+26FF'), { kind: 'code-points', text: 'U+2600..U+26FF', items: [{ kind: 'range', first: 0x2600, last: 0x26ff }] });
  assert.deepEqual(parse('0x2190..U+2193'), { kind: 'code-points', text: '0x2190..U+2193', items: [{ kind: 'range', first: 0x2190, last: 0x2193 }] });
  assert.match(reason('U+26FF..U+2600'), /runs backwards/);
  assert.match(reason('U+110000'), /beyond U\+10FFFF/);
  assert.match(reason('0x110000'), /beyond U\+10FFFF/);
});

test('a bare hex word stays a word; U+ needs 4 to 6 digits', () => {
  assert.deepEqual(search('FACE').terms, [{ kind: 'word', word: 'face' }]);
  assert.deepEqual(search('4e00').terms, [{ kind: 'word', word: '4e00' }]);
  assert.deepEqual(search('U+12').terms.map((term) => term.kind), ['word', 'word']);
});

test('among plain lower-case words, 0x… is still a code point and emoji still the filter', () => {
  assert.deepEqual(search('runic single').terms, [
    { kind: 'word', word: 'runic' },
    { kind: 'word', word: 'single' },
  ]);
  assert.deepEqual(search('cat 0x1f638').filters, [{ kind: 'range', first: 0x1f638, last: 0x1f638, label: 'U+1F638', negated: false }]);
  assert.deepEqual(search('cat 0xface').filters.length, 1);
  assert.deepEqual(search('cat 0xfaces').terms.map((term) => term.kind), ['word', 'word']);
  assert.deepEqual(search('cat emoji').filters, [{ kind: 'emoji', label: 'emoji', negated: false }]);
  assert.deepEqual(search('cat emojis').terms, [
    { kind: 'word', word: 'cat' },
    { kind: 'word', word: 'emojis' },
  ]);
  assert.match(reason('cat 0x110000'), /beyond U\+10FFFF/);
});

test('a code point beside words narrows them like a range', () => {
  const query = search('cat U+1F400..U+1F4FF');
  assert.deepEqual(query.terms, [{ kind: 'word', word: 'cat' }]);
  assert.deepEqual(query.filters, [{ kind: 'range', first: 0x1f400, last: 0x1f4ff, label: 'U+1F400..U+1F4FF', negated: false }]);
});

test('filters resolve loosely against the names Unicode gives them', () => {
  assert.deepEqual(search('block:arrows').filters, [{ kind: 'block', blockId: names.blocks.indexOf('Arrows'), label: 'block:Arrows', negated: false }]);
  assert.equal(search('block:Supplemental_Arrows-A').filters[0].label, 'block:Supplemental Arrows-A');
  assert.equal(search('blk:alchemical').filters[0].label, 'block:Alchemical Symbols');
  assert.deepEqual(search('gc:Sm').filters, [{ kind: 'category', codes: ['Sm'], label: 'gc:Sm', negated: false }]);
  assert.deepEqual(search('gc:math_symbol').filters, search('gc:Sm').filters);
  assert.deepEqual(search('gc:L').filters[0], { kind: 'category', codes: ['Ll', 'Lm', 'Lo', 'Lt', 'Lu'], label: 'gc:L', negated: false });
  assert.deepEqual(search('gc:LC').filters[0], { kind: 'category', codes: ['Lu', 'Ll', 'Lt'], label: 'gc:LC', negated: false });
  assert.deepEqual(search('script:greek').filters, [{ kind: 'script', script: 'Greek', label: 'script:Greek', negated: false }]);
  assert.deepEqual(search('sc:Grek').filters, search('script:greek').filters);
  assert.deepEqual(search('age:16.0').filters, [{ kind: 'age', age: '16.0', label: 'age:16.0', negated: false }]);
  assert.deepEqual(search('age:16').filters, search('age:16.0').filters);
  assert.deepEqual(search('emoji').filters, [{ kind: 'emoji', label: 'emoji', negated: false }]);
  assert.deepEqual(search('cat -emoji').filters, [{ kind: 'emoji', label: 'emoji', negated: true }]);
  assert.deepEqual(search('-block:arrows arrow').filters[0].negated, true);
});

test('an unknown filter value is refused with what would work', () => {
  assert.equal(reason('block:arrow'), "no block 'arrow'; blocks with 'arrow' in their name: Arrows, Supplemental Arrows-A, Supplemental Arrows-B, Miscellaneous Symbols and Arrows, Miscellaneous Symbols and Arrows Extended, Supplemental Arrows-C");
  assert.match(reason('block:nowhere'), /no block 'nowhere'; give a block name such as block:arrows/);
  assert.match(reason('gc:Xx'), /no general category 'Xx'/);
  assert.match(reason('script:klingon'), /no script 'klingon'/);
  assert.match(reason('age:99.0'), /no Unicode version '99.0' added characters; versions: 1\.1, 2\.0, /);
  assert.match(reason('-cat'), /nothing to exclude from/);
  // Not a filter key: plain words.
  assert.deepEqual(search('10:30').terms.length, 2);
});

test('pasted symbols are identified; pasted letters are words first', () => {
  assert.deepEqual(parse('😸é→'), { kind: 'characters', text: '😸é→', codePoints: [0x1f638, 0xe9, 0x2192], clusters: [[0x1f638], [0xe9], [0x2192]] });
  assert.deepEqual(parse('→ ←'), { kind: 'characters', text: '→ ←', codePoints: [0x2192, 0x2190], clusters: [[0x2192], [0x2190]] });
  assert.deepEqual(parse('«»'), { kind: 'characters', text: '«»', codePoints: [0xab, 0xbb], clusters: [[0xab], [0xbb]] });
  assert.deepEqual(parse('\u00a0'), { kind: 'characters', text: '\u00a0', codePoints: [0xa0], clusters: [[0xa0]] });
  const cat = search('кот');
  assert.deepEqual(cat.terms, [{ kind: 'word', word: 'кот' }]);
  assert.deepEqual(cat.pasted, [0x43a, 0x43e, 0x442]);
  assert.deepEqual(search('猫').pasted, [0x732b]);
  assert.equal(search('cat').pasted, null);
});

test('pasted emoji sequences are grapheme clusters, keycaps too though they hold a digit', () => {
  assert.deepEqual(parse('🇫🇷 👍🏽'), { kind: 'characters', text: '🇫🇷 👍🏽', codePoints: [0x1f1eb, 0x1f1f7, 0x1f44d, 0x1f3fd], clusters: [[0x1f1eb, 0x1f1f7], [0x1f44d, 0x1f3fd]] });
  assert.deepEqual(parse('1\ufe0f\u20e3'), { kind: 'characters', text: '1\ufe0f\u20e3', codePoints: [0x31, 0xfe0f, 0x20e3], clusters: [[0x31, 0xfe0f, 0x20e3]] });
  assert.equal(parse('flag 🇫🇷').kind, 'search');
});

test('an empty line is empty', () => {
  assert.deepEqual(parse(''), { kind: 'empty' });
  assert.deepEqual(parse(' \t '), { kind: 'empty' });
});

test('/match, /sort and /lang change the settings, or say what is wrong', () => {
  const languages = ['en', 'ru', 'pt', 'pt-PT'];
  const apply = (line: string) => applySettingCommand(line, DEFAULT_SETTINGS, languages);
  assert.equal(apply('/help'), null);
  assert.deepEqual(parseCommand('/help', languages), { command: { name: 'help', topic: 'overview' } });
  assert.deepEqual(parseCommand('/HELP filters', languages), { command: { name: 'help', topic: 'filters' } });
  assert.deepEqual(parseCommand('/help syntax commands', languages), { error: 'invalid setting', reason: '/help takes one value; /help lists them' });
  assert.deepEqual(apply('/match names'), { settings: { ...DEFAULT_SETTINGS, match: 'names' }, reply: 'match: names (official Unicode names only, as in the book)' });
  assert.deepEqual(apply('/sort cp'), { settings: { ...DEFAULT_SETTINGS, sort: 'cp' }, reply: 'sort: cp (code point order)' });
  assert.deepEqual(apply('/lang RU'), { settings: { ...DEFAULT_SETTINGS, lang: 'ru', languages: ['ru'] }, reply: 'lang: ru (keywords in English and ru; CLDR short names in ru beside the official names)' });
  assert.deepEqual(apply('/lang pt_pt'), {
    settings: { ...DEFAULT_SETTINGS, lang: 'pt-PT', languages: ['pt-PT'] },
    reply: 'lang: pt-PT (keywords in English and pt-PT; CLDR short names in pt-PT beside the official names)',
  });
  assert.deepEqual(apply('/lang ru,pt pt'), {
    settings: { ...DEFAULT_SETTINGS, lang: 'ru', languages: ['ru', 'pt'] },
    reply: 'lang: ru pt (keywords in English and ru, pt; CLDR short names in ru beside the official names)',
  });
  assert.deepEqual(apply('/lang all'), { settings: { ...DEFAULT_SETTINGS, languages: 'all' }, reply: 'lang: all (keywords in every language; /lang en for English alone)' });
  const english = "lang: en (English keywords, and other languages' for words English lacks; /lang ru adds Russian, /lang all every language)";
  assert.deepEqual(applySettingCommand('/lang off', { ...DEFAULT_SETTINGS, lang: 'ru', languages: ['ru'] }, languages), { settings: DEFAULT_SETTINGS, reply: english });
  assert.deepEqual(applySettingCommand('/lang en', { ...DEFAULT_SETTINGS, languages: 'all' }, languages), { settings: DEFAULT_SETTINGS, reply: english });
  assert.deepEqual(apply('/match'), { settings: DEFAULT_SETTINGS, reply: 'match: all (names, formal and informal aliases, and CLDR keywords in every language)' });
  assert.deepEqual(apply('/match everything'), { error: "/match takes 'all' or 'names', not 'everything'" });
  assert.deepEqual(apply('/sort by name'), { error: '/sort takes one value; /help lists them' });
  assert.match((apply('/lang xx') as { error: string }).error, /^no CLDR annotations in 'xx'/);
});
