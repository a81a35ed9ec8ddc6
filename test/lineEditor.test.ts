import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineEditor, MAX_EDITED_LINE_BYTES, type EditorEvent, type EditorOptions } from '../src/terminal/lineEditor.js';
import { clusterBoundaries, clusterWidth, isLoneUnit, width } from '../src/terminal/width.js';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const BACKSPACE = '\x7f';
const REDRAW = '\r\x1b[J?> ';

/** A session with the prompt '?> ' at 80 columns, unless told otherwise. */
function editor(options: Partial<EditorOptions> = {}): LineEditor {
  return new LineEditor({ prompt: '?> ', columns: () => 80, complete: () => [], ...options });
}

/** What the keys give, each chunk pushed on its own, the outputs of one chunk joined as the editor gives them. */
function type(session: LineEditor, ...chunks: (string | number[] | Buffer)[]): EditorEvent[] {
  return chunks.flatMap((chunk) => session.push(Buffer.isBuffer(chunk) ? chunk : Array.isArray(chunk) ? Buffer.from(chunk) : Buffer.from(chunk)));
}

const output = (text: string): EditorEvent => ({ kind: 'output', text });
const line = (text: string): EditorEvent => ({ kind: 'line', text });
/** The lines among the events. */
const lines = (events: EditorEvent[]) => events.flatMap((event) => (event.kind === 'line' ? [event.text] : []));

test('typing echoes the text; Enter echoes CR LF and gives the line', () => {
  assert.deepEqual(type(editor(), 'cat face\r'), [output('cat face\r\n'), line('cat face')]);
});

test('CR LF, CR NUL, a bare CR and LF are one Enter each, even when the CR ends a push', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat\r', '\ndog\r\0', 'sun\n', '\r', '\n'), [
    output('cat\r\n'), line('cat'), output('dog\r\n'), line('dog'), output('sun\r\n'), line('sun'), output('\r\n'), line(''),
  ]);
});

test('typing in the middle redraws the line and puts the cursor back', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat', LEFT + LEFT, 'x'), [output('cat'), output('\x1b[1D\x1b[1D'), output(REDRAW + 'cxat\x1b[2D')]);
  assert.deepEqual(lines(type(session, '\r')), ['cxat']);
});

test('Home, End, Ctrl-A and Ctrl-E move to the ends; ESC O and ESC [ 1 ~ forms too', () => {
  const session = editor();
  assert.deepEqual(type(session, 'moon', HOME, '\x1b[F', '\x01', '\x05', '\x1bOH', '\x1b[4~', '\x1b[1~', '\x1bOF'), [
    output('moon'), output('\x1b[4D'), output('\x1b[4C'), output('\x1b[4D'), output('\x1b[4C'), output('\x1b[4D'), output('\x1b[4C'), output('\x1b[4D'), output('\x1b[4C'),
  ]);
});

test('Backspace deletes the whole cluster before the cursor: e + U+0301 at once', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cafe\u0301', BACKSPACE), [output('cafe\u0301'), output(REDRAW + 'caf')]);
  assert.deepEqual(lines(type(session, 's\x08t\r')), ['caft']);
});

test('Delete (ESC [ 3 ~) and Ctrl-D on a line remove the cluster under the cursor', () => {
  const session = editor();
  assert.deepEqual(lines(type(session, 'abc', LEFT + LEFT, '\x1b[3~', '\x04', '\r')), ['a']);
});

test('a wide character moves the cursor two columns', () => {
  const session = editor();
  assert.deepEqual(type(session, '猫', LEFT, RIGHT, '\x1bOD'), [output('猫'), output('\x1b[2D'), output('\x1b[2C'), output('\x1b[2D')]);
});

test('the cursor steps over an emoji sequence as one cluster of two columns', () => {
  const session = editor();
  assert.deepEqual(type(session, 'a👍🏽b', LEFT, LEFT), [output('a👍🏽b'), output('\x1b[1D'), output('\x1b[2D')]);
  assert.deepEqual(lines(type(session, BACKSPACE + '\r')), ['👍🏽b']);
});

test('display widths: wide, emoji presentation and ZWJ sequences 2, combining marks 0', () => {
  assert.equal(clusterWidth('a'), 1);
  assert.equal(clusterWidth('猫'), 2);
  assert.equal(clusterWidth('😸'), 2);
  assert.equal(clusterWidth('👍🏽'), 2);
  assert.equal(clusterWidth('👨‍👩‍👧'), 2);
  assert.equal(clusterWidth('🇫🇷'), 2);
  assert.equal(clusterWidth('❤️'), 2);
  assert.equal(clusterWidth('1️⃣'), 2);
  assert.equal(clusterWidth('e\u0301'), 1);
  assert.equal(clusterWidth('\u0301'), 0);
  assert.equal(width('猫 cat'), 6);
});

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const segmented = (text: string) => [...Array.from(segmenter.segment(text), ({ index }) => index), text.length];

test('every unit isLoneUnit names stands alone between letters, as Intl.Segmenter sees it', () => {
  for (let unit = 0; unit < 0x10000; unit++) {
    if (!isLoneUnit(unit)) continue;
    const char = String.fromCharCode(unit);
    assert.equal([...segmenter.segment(`a${char}${char}a`)].length, 4, `U+${unit.toString(16)}`);
  }
});

test('clusterBoundaries finds the boundaries Intl.Segmenter finds, in long runs too', () => {
  const flags = '🇫🇷🇩🇪🇯🇵'.repeat(12);
  const family = '👨‍👩‍👧‍👦'.repeat(20);
  for (const text of ['', 'cat face', 'café cafe\u0301 猫 한국어', flags, 'x' + flags + 'y', family, 'a' + '\u0301'.repeat(200) + 'b', '👍🏽'.repeat(40) + ' ok', 'Ελληνικά русский ไทย हिन्दी', 'e\u0301'.repeat(100)]) {
    assert.deepEqual(clusterBoundaries(text), segmented(text), text);
  }
});

test('clusterBoundaries agrees with Intl.Segmenter on long random mixes of marks, joiners, flags, jamo and letters', () => {
  const pieces = ['a', ' ', 'é', '\u0301', '\u200d', '\ufe0f', '🇫', '🇷', '👨', '🏽', '猫', 'ᄀ', 'ᅡ', 'ᆨ', '한', 'क', '्', 'ष', '\u0600', 'x'];
  let seed = 14;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const text = Array.from({ length: 150 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    assert.deepEqual(clusterBoundaries(text), segmented(text), JSON.stringify(text));
  }
});

test('editing a 4 KB line stays cheap: many edits in one push draw the line once', () => {
  const session = editor();
  type(session, 'a'.repeat(4000), '\x01');
  const started = performance.now();
  const events = type(session, 'x\x7f'.repeat(2000) + '\x1b[C\x1b[D'.repeat(2000));
  const elapsed = performance.now() - started;
  assert.equal(events.length, 1);
  assert.ok(elapsed < 1000, `${elapsed} ms`);
  assert.ok((events[0] as { text: string }).text.length < 4200);
});

test('Up recalls earlier lines; Down comes back to the line being typed', () => {
  const session = editor();
  type(session, 'cat\r', 'dog\r', 'bi');
  assert.deepEqual(type(session, UP, UP, UP, DOWN, DOWN), [
    output(REDRAW + 'dog'), output(REDRAW + 'cat'), output(REDRAW + 'dog'), output(REDRAW + 'bi'),
  ]);
  assert.deepEqual(lines(type(session, 'rd\r')), ['bird']);
  assert.deepEqual(lines(type(session, '\x10\x10\r')), ['dog'], 'Ctrl-P is Up');
});

test('history keeps neither blank lines nor a line equal to the one before, and at most historySize', () => {
  const session = editor({ historySize: 2 });
  type(session, 'a\r', 'a\r', '   \r', 'b\r', 'c\r');
  assert.deepEqual(lines(type(session, UP + UP + UP + '\r')), ['b']);
  assert.deepEqual(lines(type(session, UP + UP + '\x0e\r')), ['b'], 'Ctrl-N is Down');
});

test('Ctrl-W deletes the word before the cursor and the blanks after it', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat face  ', '\x17'), [output('cat face  '), output(REDRAW + 'cat ')]);
  assert.deepEqual(lines(type(session, '\x17\x17\r')), ['']);
});

test('Ctrl-U deletes to the start of the line, Ctrl-K to its end', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat face', LEFT.repeat(4), '\x15'), [output('cat face'), output('\x1b[1D'.repeat(4)), output(REDRAW + 'face\x1b[4D')]);
  assert.deepEqual(lines(type(session, RIGHT + '\x0b\r')), ['f']);
});

test('Tab with one choice inserts the rest of the word and a space', () => {
  const asked: [string, number][] = [];
  const session = editor({ complete: (prefix, max) => (asked.push([prefix, max]), ['grinning']) });
  assert.deepEqual(type(session, 'cat Grinn\t'), [output('cat Grinning ')]);
  assert.deepEqual(asked, [['grinn', 41]]);
});

test('Tab with several choices inserts what they share, then lists them and draws the prompt below', () => {
  const session = editor({ columns: () => 20, complete: (prefix) => ['grin', 'grinning', 'grins'].filter((word) => word.startsWith(prefix)) });
  assert.deepEqual(type(session, 'gr\t', '\t'), [output('grin'), output('\r\ngrin      grinning\r\ngrins\r\n?> grin')]);
});

test('Tab lists at most 40 choices and, with more, inserts nothing and says so', () => {
  const words = Array.from({ length: 41 }, (_, k) => `x${k}`);
  const session = editor({ complete: (_prefix, max) => words.slice(0, max) });
  const [event] = type(session, 'x\t');
  assert.equal(event.kind, 'output');
  const text = (event as { text: string }).text;
  assert.ok(text.includes('x39') && !text.includes('x40'), text);
  assert.ok(text.endsWith('(more than 40: type more of the word)\r\n?> x'), text);
});

test('Tab with no choice, or no word before the cursor, rings the bell', () => {
  const session = editor();
  assert.deepEqual(type(session, 'zzq\t', ' \t'), [output('zzq\x07'), output(' \x07')]);
});

test('an escape sequence or a UTF-8 character split across pushes is one key', () => {
  const session = editor();
  const cat = Buffer.from('猫');
  assert.deepEqual(type(session, 'ab', '\x1b', '[', 'D', cat.subarray(0, 1), cat.subarray(1)), [output('ab'), output('\x1b[1D'), output(REDRAW + 'a猫b\x1b[1D')]);
});

test('unknown escape sequences are swallowed whole; other control bytes are ignored', () => {
  const session = editor();
  assert.deepEqual(lines(type(session, 'a\x1b[2~b\x1b[1;5Pc\x1bOPd\x1bxe\x1b[200~f\x07\x1a\x00g\r')), ['abcdefg']);
});

test('a control byte ends an unfinished escape sequence and counts: Esc then Enter is Enter', () => {
  assert.deepEqual(lines(type(editor(), 'a\x1b\r', 'b\x1b[\r', 'c\x1bO', '\n')), ['a', 'b', 'c']);
});

test('invalid UTF-8 becomes U+FFFD', () => {
  assert.deepEqual(lines(type(editor(), [0x61, 0xff, 0x62, 0x0d])), ['a\uFFFDb']);
});

test('Ctrl-C abandons the line and interrupts; Ctrl-D on an empty line ends', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat', LEFT, '\x03'), [output('cat'), output('\x1b[1D'), output('\x1b[1C^C\r\n'), { kind: 'interrupt' }]);
  assert.deepEqual(type(session, '\x04'), [{ kind: 'end' }]);
});

test('a line longer than the width wraps: the cursor moves up and down rows by display width', () => {
  const session = editor({ columns: () => 10 });
  // ?> abcdefg fills the row: the editor takes the cursor to the next row itself.
  assert.deepEqual(type(session, 'abcdefg', HOME, 'x', '\x05'), [
    output('abcdefg\r\n'), output('\x1b[1A\x1b[3C'), output('\r\x1b[J?> xabcdefg\x1b[1A\x1b[3C'), output('\x1b[1B\x1b[3D'),
  ]);
  // g went to the second row: one more Left goes up to f, in the last column of the first.
  assert.deepEqual(type(session, 'yz', LEFT + LEFT + LEFT + LEFT), [output('yz'), output('\x1b[1D\x1b[1D\x1b[1D\x1b[1A\x1b[9C')]);
  assert.deepEqual(type(session, '\r'), [output('\x1b[1B\x1b[6D\r\n'), line('xabcdefgyz')]);
});

test('a wide character that does not fit the last column goes to the next row', () => {
  const session = editor({ columns: () => 6 });
  // ?> ab猫: 猫 does not fit in column 6, and is drawn on the second row.
  assert.deepEqual(type(session, 'ab猫', LEFT, HOME), [output('ab猫'), output('\x1b[2D'), output('\x1b[1A\x1b[3C')]);
  // ?> a猫 fills the first row exactly.
  assert.deepEqual(type(session, '\x05', LEFT, BACKSPACE), [output('\x1b[1B\x1b[1D'), output('\x1b[2D'), output('\r\x1b[1A\x1b[J?> a猫\r\n\x1b[1A\x1b[4C')]);
});

test('Ctrl-L clears the screen and draws prompt and line; redraw() draws them from column 0', () => {
  const session = editor();
  assert.deepEqual(type(session, 'cat', LEFT, '\x0c'), [output('cat'), output('\x1b[1D'), output('\x1b[H\x1b[2J?> cat\x1b[1D')]);
  assert.equal(session.redraw(), REDRAW + 'cat\x1b[1D');
});

test('clear() erases every row of a wrapped line, for output arriving while it is typed', () => {
  const session = editor({ columns: () => 10 });
  type(session, 'abcdefghij', LEFT);
  assert.equal(session.clear(), '\r\x1b[1A\x1b[J');
  assert.equal(session.redraw(), REDRAW + 'abcdefghij\x1b[1D');
  assert.deepEqual(lines(type(session, '\r')), ['abcdefghij']);
});

test('reset forgets the line being typed, not the history', () => {
  const session = editor();
  type(session, 'cat\r', 'do');
  session.reset();
  assert.deepEqual(lines(type(session, 'g\r', UP + UP + '\r')), ['g', 'cat']);
});

test(`the line stops at ${MAX_EDITED_LINE_BYTES} bytes of UTF-8 with the bell`, () => {
  const session = editor();
  type(session, 'a'.repeat(MAX_EDITED_LINE_BYTES - 2));
  assert.deepEqual(type(session, 'bé'), [output('b\x07')]);
  assert.deepEqual(type(session, 'c'), [output('c')]);
  assert.deepEqual(type(session, 'd'), [output('\x07')]);
  const [finished] = lines(type(session, '\r'));
  assert.equal(Buffer.byteLength(finished), MAX_EDITED_LINE_BYTES);
});

test('a width of 0 or NaN (no window size yet) is taken as 80 columns', () => {
  for (const columns of [0, NaN]) {
    const session = editor({ columns: () => columns });
    assert.deepEqual(type(session, 'x'.repeat(77), HOME), [output('x'.repeat(77) + '\r\n'), output('\x1b[1A\x1b[3C')]);
  }
});

test('a prompt with colour escapes takes only its visible columns', () => {
  const session = new LineEditor({ prompt: '\x1b[2m?>\x1b[0m ', columns: () => 80, complete: () => [] });
  assert.deepEqual(type(session, 'ab', HOME), [output('ab'), output('\x1b[2D')]);
  assert.equal(session.redraw(), '\r\x1b[J\x1b[2m?>\x1b[0m ab\x1b[2D');
});
