import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodingsOf, escapesOf } from '../src/index/encodings.js';
import { describeEntry } from '../src/index/describeChar.js';
import type { CharInfo } from '../src/index/charInfo.js';
import { infoText } from '../src/index/infoText.js';
import { parseCommand } from '../src/query/commands.js';
import { parseCharArgument } from '../src/query/charArgument.js';
import { LineClient } from '../scripts/line-client.js';
import { loadIndex, serverForThisFile } from './support/server.js';

const index = loadIndex();
const served = serverForThisFile();

/** The block's lines for a character as `/info` in text mode shows them. */
function block(notation: string, lang: string | null = null): string[] {
  const parsed = parseCharArgument([notation]);
  assert.ok('codePoints' in parsed, notation);
  return infoText(describeEntry(index, parsed.codePoints, lang)).slice(0, -2).split('\r\n');
}

const written = (cp: number) => ({ ...encodingsOf([cp]), ...escapesOf([cp]) });

test('bytes and escapes of 😸, é, U+0000 and U+10FFFF, exactly', () => {
  assert.deepEqual(written(0x1f638), {
    utf8: 'F0 9F 98 B8',
    utf16: 'D83D DE38',
    utf32: '0001F638',
    html: '&#x1F638;',
    css: '\\1F638',
    javascript: '\\u{1F638}',
    python: '\\U0001F638',
    rust: '\\u{1F638}',
    url: '%F0%9F%98%B8',
  });
  assert.deepEqual(written(0xe9), {
    utf8: 'C3 A9',
    utf16: '00E9',
    utf32: '000000E9',
    html: '&#xE9;',
    css: '\\E9',
    javascript: '\\u00E9',
    python: '\\u00E9',
    rust: '\\u{00E9}',
    url: '%C3%A9',
  });
  // A NUL reference gives U+FFFD in HTML and CSS: none is offered.
  assert.deepEqual(written(0), {
    utf8: '00',
    utf16: '0000',
    utf32: '00000000',
    html: null,
    css: null,
    javascript: '\\u0000',
    python: '\\u0000',
    rust: '\\u{0000}',
    url: '%00',
  });
  assert.deepEqual(written(0x10ffff), {
    utf8: 'F4 8F BF BF',
    utf16: 'DBFF DFFF',
    utf32: '0010FFFF',
    html: '&#x10FFFF;',
    css: '\\10FFFF',
    javascript: '\\u{10FFFF}',
    python: '\\U0010FFFF',
    rust: '\\u{10FFFF}',
    url: '%F4%8F%BF%BF',
  });
});

test('a surrogate code point has no bytes: only the JavaScript and Python escapes, which allow a lone surrogate', () => {
  assert.deepEqual(written(0xd83d), { utf8: null, utf16: null, utf32: null, html: null, css: null, javascript: '\\uD83D', python: '\\uD83D', rust: null, url: null });
  const lines = block('U+D83D');
  assert.ok(lines.includes('utf-8: none (a surrogate code point is not a character)'));
  assert.ok(lines.includes('category: Cs (Surrogate)'));
  assert.ok(lines.includes('javascript: \\uD83D'));
});

test('a sequence is encoded whole, each code point in turn', () => {
  assert.deepEqual(encodingsOf([0x65, 0x301]), { utf8: '65 CC 81', utf16: '0065 0301', utf32: '00000065 00000301' });
  assert.equal(escapesOf([0x1f1eb, 0x1f1f7]).url, '%F0%9F%87%AB%F0%9F%87%B7');
});

test('/info é: its decomposition and case mappings, and every line of the block', () => {
  assert.deepEqual(block('é'), [
    'code point: U+00E9',
    'character: é',
    'name: LATIN SMALL LETTER E WITH ACUTE',
    'alias (html): &eacute;',
    'block: Latin-1 Supplement',
    'script: Latin',
    'category: Ll (Lowercase_Letter)',
    'age: 1.1',
    'bidi class: L',
    'east asian width: A',
    'decomposition: 0065 0301',
    'uppercase: U+00C9 É',
    'titlecase: U+00C9 É',
    'utf-8: C3 A9',
    'utf-16: 00E9',
    'utf-32: 000000E9',
    'html: &#xE9;',
    'css: \\E9',
    'javascript: \\u00E9',
    'python: \\u00E9',
    'rust: \\u{00E9}',
    'url: %C3%A9',
    'data: Unicode 18.0, Emoji 18.0, CLDR 48',
  ]);
  const capital = block('U+00C9');
  assert.ok(capital.includes('lowercase: U+00E9 é'));
  assert.ok(block('ß').includes('uppercase: U+0053 U+0053 SS'), 'full case mappings, SpecialCasing');
  assert.ok(block('ﬁ').includes('decomposition: <compat> 0066 0069'));
  assert.ok(block('각').includes('decomposition: 1100 1161 11A8'), 'Hangul syllables by arithmetic');
});

test('/info 5 is the digit, with its numeric value; ½ and 五 have theirs', () => {
  const five = block('5');
  assert.equal(five[0], 'code point: U+0035');
  assert.ok(five.includes('numeric value: 5 (Decimal)'));
  assert.ok(five.includes('emoji: Emoji, Emoji_Component'));
  assert.ok(block('½').includes('numeric value: 1/2 (Numeric)'));
  assert.ok(block('五').includes('numeric value: 5 (Numeric)'));
});

test('/info 水: the Unihan definition and readings', () => {
  const lines = block('水');
  for (const line of ['definition: water, liquid, lotion, juice', 'mandarin: shuǐ', 'cantonese: seoi2', 'japanese: スイ みず かわ', 'japanese on: SUI', 'japanese kun: MIZU', 'korean: SWU', 'hangul: 수:0E']) {
    assert.ok(lines.includes(line), line);
  }
});

test('NamesList references and notes, aliases, CLDR names in English and the session language', () => {
  const eszett = describeEntry(index, [0xdf], null) as CharInfo;
  assert.deepEqual(eszett.informalAliases, ['Eszett']);
  assert.equal(eszett.seeAlso[0].cp, 'U+017F');
  assert.ok(eszett.notes.includes('German'));
  assert.ok(block('ß').includes('see also: U+1E9E ẞ LATIN CAPITAL LETTER SHARP S'));
  const cat = block('😸', 'ru');
  assert.ok(cat.includes('cldr name (en): grinning cat with smiling eyes'));
  assert.ok(cat.includes('cldr name (ru): смеющийся кот'));
  assert.ok(cat.some((line) => line.startsWith('cldr keywords (ru): ') && line.includes('кот')));
  assert.ok(cat.includes('emoji: Emoji, Emoji_Presentation, Extended_Pictographic'));
  assert.ok(block('U+0000').includes('alias (abbreviation): NUL'));
});

test('values a terminal could act on are shown safely: controls get stand-ins, a combining mark its circle', () => {
  assert.ok(block('U+001B').includes('character: ␛'));
  assert.ok(block('U+0301').includes('character: ◌́'));
  const rlo = block('U+202E');
  assert.ok(rlo.includes('character:  '), 'a bidi override is never sent raw');
  assert.ok(!rlo.join('').includes('\u202e'));
});

test('a sequence: the whole, then each code point briefly', () => {
  assert.deepEqual(block('🇫🇷').slice(0, 15), [
    'sequence: U+1F1EB U+1F1F7',
    'characters: 🇫🇷',
    'name: FLAG: FRANCE',
    'kind: flag',
    'alias (region): FR',
    'alias (language): French flag',
    'alias (shortcode): :fr:',
    'alias (shortcode): :flag-fr:',
    'alias (shortcode): :flag_fr:',
    'alias (shortcode): :france:',
    'age: 6.0',
    'cldr name (en): flag: France',
    'code points: 2',
    'U+1F1EB: 🇫 REGIONAL INDICATOR SYMBOL LETTER F',
    'U+1F1F7: 🇷 REGIONAL INDICATOR SYMBOL LETTER R',
  ]);
  assert.ok(block('👨‍👧').includes('characters: 👨‍👧'), 'the joiner stays, so the picture does');
  assert.deepEqual(parseCharArgument(['\\u0065\\u0301']), { codePoints: [0x65, 0x301] });
  assert.deepEqual(parseCharArgument(['U+1F1EB', 'U+1F1F7']), { codePoints: [0x1f1eb, 0x1f1f7] });
});

test('every notation of the query language names the same character', () => {
  for (const notation of ['U+1F638', 'u+1f638', '0x1F638', '\\u{1F638}', '\\uD83D\\uDE38', '\\U0001F638', '&#x1F638;', '&#128568;', '😸']) {
    assert.deepEqual(parseCharArgument([notation]), { codePoints: [0x1f638] }, notation);
  }
});

test('refusals: nothing, a word, a range, beyond U+10FFFF', () => {
  const languages = index.languages.map(({ tag }) => tag);
  assert.equal((parseCommand('/info', languages) as { error: string }).error, 'missing argument');
  assert.deepEqual(parseCommand('/info nonsense', languages), {
    error: 'invalid argument',
    command: '/info',
    argument: 'nonsense',
    expected: 'a character or a code point (é, 😸, U+1F638, 0x1F638, \\u{1F638}, &#x1F638;)',
  });
  assert.equal((parseCommand('/info U+2600..U+26FF', languages) as { error: string }).error, 'invalid argument');
  assert.equal((parseCommand('/info U+110000', languages) as { expected: string }).expected, 'a code point from U+0000 to U+10FFFF');
});

test('over a socket: /info é answers the block then the prompt; refusals are one line', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    const lines = await client.ask('/info é');
    assert.equal(lines[0], 'code point: U+00E9');
    assert.ok(lines.includes('decomposition: 0065 0301'));
    assert.equal(lines.at(-1), 'data: Unicode 18.0, Emoji 18.0, CLDR 48');
    assert.deepEqual(await client.ask('/info'), ['error: /info takes a character or a code point (é, 😸, U+1F638, 0x1F638, \\u{1F638}, &#x1F638;)']);
    assert.deepEqual(await client.ask('/info nonsense'), [
      "error: /info takes a character or a code point (é, 😸, U+1F638, 0x1F638, \\u{1F638}, &#x1F638;), not 'nonsense'",
    ]);
    assert.deepEqual(await client.ask('/lang ru'), ['lang: ru (keywords in English and ru; CLDR short names in ru beside the official names)']);
    assert.ok((await client.ask('/info U+1F638')).includes('cldr name (ru): смеющийся кот'));
    assert.ok((await client.ask('/info 0x6C34')).includes('definition: water, liquid, lotion, juice'));
  } finally {
    client.close();
  }
});

test('over a socket in /format json: one object, the same as GET /api/char; a refusal is an error object', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    client.send('/format json\r\n');
    await client.until((unread) => unread.endsWith('\r\n'));
    client.send('/info U+0000\r\n');
    const text = await client.until((unread) => unread.endsWith('\r\n'));
    assert.equal(text.split('\r\n').length, 2, 'one line');
    assert.ok(text.includes('"char":"\\u0000"'), 'NUL is escaped on the wire');
    const info = JSON.parse(text) as CharInfo;
    assert.equal(info.kind, 'char');
    assert.deepEqual(info.aliases[0], { alias: 'NULL', type: 'control' });
    assert.deepEqual(info, JSON.parse(JSON.stringify(describeEntry(index, [0], null))));
    client.send('/info nonsense\r\n');
    const refusal = JSON.parse(await client.until((unread) => unread.endsWith('\r\n')));
    assert.equal(refusal.error, 'invalid argument');
    assert.equal(refusal.command, '/info');
  } finally {
    client.close();
  }
});
