import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { fitWidth, hasColour, pageRows, pagerLine, terminalLine, type TerminalView } from '../src/protocol/terminalFormat.js';
import type { Match } from '../src/search/matchLines.js';

const plain: TerminalView = { columns: 80, rows: 24, colour: false };

function match(codePoints: number[], char: string, name: string, extra: Partial<Match> = {}): Match {
  return { codePoint: codePoints[0], codePoints, charIndex: 0, char, name, via: 'name', note: null, localName: null, ...extra };
}

test('names start in one column after narrow, wide and emoji characters', () => {
  const lines = [
    match([0x41], 'A', 'LATIN CAPITAL LETTER A'),
    match([0x732b], '猫', 'CJK UNIFIED IDEOGRAPH-732B'),
    match([0x1f638], '😸', 'GRINNING CAT FACE WITH SMILING EYES'),
    match([0x301], '◌́', 'COMBINING ACUTE ACCENT'),
  ].map((one) => terminalLine(one, 7, plain));
  const starts = lines.map((line) => stringWidth(line.slice(0, line.search(/[A-Z]{3}/))));
  assert.deepEqual(new Set(starts), new Set([7 + 2 + 2 + 2]));
  assert.equal(lines[0], 'U+0041   A   LATIN CAPITAL LETTER A\r\n');
  assert.equal(lines[1], 'U+732B   猫  CJK UNIFIED IDEOGRAPH-732B\r\n');
});

test('a long name, and its note, are cut with … to leave the last column free', () => {
  const long = 'ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM';
  const line = terminalLine(match([0xfbf9], 'ﯹ', long), 7, plain).trimEnd();
  assert.equal(stringWidth(line), 79);
  assert.match(line, /ISOLATED…$|MAKSURA…$|ALEF…$| …$|[A-Z]…$/);
  const noted = terminalLine(match([0x1f431], '🐱', 'CAT FACE', { note: 'ja: 猫 顔 かわいい ねこ ネコ 動物 顔文字 笑顔 可愛い', via: 'cldr:ja' }), 7, { ...plain, columns: 40 }).trimEnd();
  assert.equal(stringWidth(noted) <= 39, true, noted);
  assert.match(noted, /CAT FACE \[ja: 猫.*…$/);
  assert.equal(fitWidth('猫猫猫', 4), '猫…');
  assert.equal(fitWidth('cat', 3), 'cat');
});

test('a sequence longer than two code points has its codes cut; flags and skin tones are whole', () => {
  assert.match(terminalLine(match([0x1f1eb, 0x1f1f7], '🇫🇷', 'FLAG: FRANCE'), 15, plain), /^U\+1F1EB U\+1F1F7  🇫🇷  FLAG: FRANCE/);
  assert.match(terminalLine(match([0x1f468, 0x200d, 0x1f4bb], '👨‍💻', 'MAN TECHNOLOGIST'), 15, plain), /^U\+1F468 U\+200D…  👨‍💻  MAN TECHNOLOGIST/);
});

test('colour: the code dim, the character bright, a keyword note in its own colour; the pager line in reverse', () => {
  const line = terminalLine(match([0x1f42f], '🐯', 'TIGER FACE', { note: 'en: cat', via: 'cldr:en' }), 7, { ...plain, colour: true });
  assert.equal(line, '\x1b[2mU+1F42F\x1b[22m  \x1b[1m🐯\x1b[22m  TIGER FACE\x1b[36m [en: cat]\x1b[39m\r\n');
  assert.equal(pagerLine(0, 22, 98_887, false), '-- 1–22 of 98,887 · Enter: more · q or Ctrl-C: stop --');
  assert.equal(pagerLine(22, 44, 98_887, true), '\x1b[7m-- 23–44 of 98,887 · Enter: more · q or Ctrl-C: stop --\x1b[27m');
});

test('which terminal types get colour; a page is the screen less two rows', () => {
  for (const type of ['xterm-256color', 'xterm', 'screen', 'tmux-256color', 'linux', 'rxvt-unicode-256color', 'putty']) assert.equal(hasColour(type), true, type);
  for (const type of [null, 'vt100', 'dumb', 'unknown']) assert.equal(hasColour(type), false, String(type));
  assert.equal(pageRows({ ...plain, rows: 24 }), 22);
  assert.equal(pageRows({ ...plain, rows: 4 }), 2);
});
